public enum StatisticsPlaceholder {}
