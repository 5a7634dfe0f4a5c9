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

enum Hostile {
    /// `levels` levels of `width` aliases to the level before.
    static func billionLaughs(levels: Int = 10, width: Int = 10) -> [UInt8] {
        var text = "l0: &l0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]\n"
        for level in 1..<levels {
            text +=
                "l\(level): &l\(level) ["
                + Array(repeating: "*l\(level - 1)", count: width).joined(separator: ", ") + "]\n"
        }
        return Array(text.utf8)
    }

    /// The template with `extra` more components, inserted at the head of its `components:` list.
    static func description(extraComponents extra: Int, duplicateAt: Int? = nil) -> [UInt8] {
        let template = FrameworkTemplate.text
        guard let header = template.range(of: "\ncomponents:") else { fatalError("the template has no components") }
        let lineEnd = template[header.upperBound...].firstIndex(of: "\n")!
        var text = String(template[...lineEnd])
        text.reserveCapacity(template.utf8.count + extra * 100)
        for i in 0..<extra {
            let id = i == duplicateAt ? 0 : i
            text += "  - id: extra-\(id)\n    kind: monitoring\n    zone: central\n    operated_by: vo\n"
        }
        text += template[template.index(after: lineEnd)...]
        return Array(text.utf8)
    }

    static func lines(_ count: Int, _ line: (Int) -> String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count * 12)
        for i in 0..<count { bytes += Array(line(i).utf8) }
        return bytes
    }

    /// Writes `bytes` to a file in a fresh temporary directory; returns its path.
    static func file(_ bytes: [UInt8], name: String = "hostile.yaml") throws -> String {
        let directory = try TestSupport.temporaryDirectory()
        let path = directory.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}
