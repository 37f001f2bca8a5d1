using Platform.Engagement;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddEngagement();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapEngagement();
app.Run();
