using Platform.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();            // problem details, auth, rate limits, OpenAPI, gRPC clients, Kafka publisher, routes

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGateway();

app.Run();
