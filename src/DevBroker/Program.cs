using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.DevBroker.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
builder.AddDevBroker();
builder.Build().Run();
