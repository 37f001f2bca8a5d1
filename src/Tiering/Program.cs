using Platform.Tiering;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTiering();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTiering();
app.Run();
