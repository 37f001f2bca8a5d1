namespace Platform.TestSupport; public static class Placeholder {}
