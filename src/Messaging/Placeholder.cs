namespace Platform.Messaging; /// <summary>placeholder</summary>
public static class Placeholder {}
