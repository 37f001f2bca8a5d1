using Platform.Content;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddContent();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapContent();
app.Run();
