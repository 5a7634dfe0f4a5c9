import YAMLDocument

/// Why the benchmark stopped short, for the command to say and to end with: a failure of the run,
/// not of its arguments (those the command refuses before it starts, as usage errors).
public enum BenchError: Error, Sendable {
    /// A file given to `--profile` cannot be read: its problem, located (exit 2, as for any input
    /// that cannot be read).
    case unreadable(Diagnostic)
    /// The files given to `--profile` are not what the operation reads: their problems, located,
    /// and what that stops (exit 1, as for an invalid description).
    case invalidInput([Diagnostic], String)
    /// The benchmark cannot go on: a command it measures failed, an operation reported errors on
    /// valid input, the catalogs do not load (exit 2).
    case failed(String)
}
