public enum GroundTruthPlaceholder {}
