namespace Platform.ServiceDefaults; public static class Placeholder {}
