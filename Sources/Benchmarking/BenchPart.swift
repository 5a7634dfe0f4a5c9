/// The parts of the benchmark, run alone with `--part`.
public enum BenchPart: String, CaseIterable, Sendable {
    case all, throughput, hostile
}
