using Platform.Onboarding;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddOnboarding();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapOnboarding();
app.Run();
