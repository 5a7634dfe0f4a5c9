import Corpora
import Foundation
import FrameworkModel
import TestSupport
import YAMLDocument

/// How a hostile input ends through the loader: the error, or `nil` when it loads.
func loaderError(_ bytes: [UInt8], limits: LoadLimits = .default) -> YAMLError? {
    do {
        _ = try YAMLLoader.load(bytes, limits: limits)
        return nil
    } catch {
        return error
    }
}

/// How it ends through the description loader: its diagnostics (and the description, if valid).
func describe(_ bytes: [UInt8], limits: LoadLimits = .default) -> DescriptionLoader.Outcome {
    DescriptionLoader.load(SourceFile(path: "hostile.yaml", bytes: bytes), limits: limits)
}

extension Diagnostic {
    /// Printed as a user sees it: `hostile.yaml:LINE:COL: error: message`.
    var located: Bool { location != nil && description.hasPrefix("\(file):\(location!.line):\(location!.column): ") }
}

extension Hostile {
    /// Writes `bytes` to a file in a fresh temporary directory; returns its path.
    static func file(_ bytes: [UInt8], name: String = "hostile.yaml") throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
