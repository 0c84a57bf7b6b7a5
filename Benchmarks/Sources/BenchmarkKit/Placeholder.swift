public enum BenchmarkKitPlaceholder {}
