import FrameworkModel
import YAMLDocument

/// What a benchmark operation reads.
enum BenchInput: Sendable {
    /// Any bytes (the libyaml loop reports what it cannot parse as the end of its events).
    case bytes
    /// One YAML document.
    case yaml
    /// A valid framework description.
    case description

    /// What keeps `file` from being this input, located.
    func problems(_ file: SourceFile) -> [Diagnostic] {
        switch self {
        case .bytes:
            return []
        case .yaml:
            do throws(Diagnostic) {
                _ = try file.load(limits: .default)
                return []
            } catch {
                return [error]
            }
        case .description:
            return DescriptionLoader.load(file).diagnostics.filter { $0.severity == .error }
        }
    }
}
