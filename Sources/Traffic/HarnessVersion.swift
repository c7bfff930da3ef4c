/// The DistillBench version written into manifests; bump it when output for a seed changes.
public let harnessVersion = "0.1.0"
