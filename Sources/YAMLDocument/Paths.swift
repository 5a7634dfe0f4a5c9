/// Lexical path arithmetic for links between a report and the files it cites. Nothing here
/// touches the file system, so the links depend only on the paths the user gave.
public enum Paths {
    /// Lowercase letters, digits and single hyphens only: for anchors and file names.
    public static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty && !out.hasSuffix("-") {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "x" : out
    }

    /// `./a//b/../c` → `a/c`; an absolute path stays absolute; the empty result is `.`.
    public static func normalise(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The path of `file` as seen from `directory`. Both are taken relative to `workingDirectory`
    /// when they are not absolute; without a working directory, a pair that cannot be related
    /// lexically (one absolute, or the directory climbing out with `..`) gives `file` itself.
    public static func relative(from directory: String, to file: String, workingDirectory: String?) -> String {
        var base = normalise(directory)
        var target = normalise(file)
        let climbs = base == ".." || base.hasPrefix("../")
        if base.hasPrefix("/") != target.hasPrefix("/") || climbs {
            guard let cwd = workingDirectory, cwd.hasPrefix("/") else { return target }
            if !base.hasPrefix("/") { base = normalise(cwd + "/" + base) }
            if !target.hasPrefix("/") { target = normalise(cwd + "/" + target) }
        }
        let from = components(base)
        let to = components(target)
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let up = Array(repeating: "..", count: from.count - common)
        let result = (up + to[common...]).joined(separator: "/")
        return result.isEmpty ? "." : result
    }

    private static func components(_ normalised: String) -> [String] {
        normalised == "." ? [] : normalised.split(separator: "/").map(String.init)
    }

    /// Percent-encodes everything but unreserved characters and `/`, for a relative URI
    /// reference.
    public static func uriPath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    /// A URI for a file as the user named it: a relative reference for a relative path (so that
    /// it resolves against the repository root), `file://` for an absolute one.
    /// A file built into `mupj` is named by its own URI (`mupj:checklists/…`), as it is.
    public static func uri(_ path: String) -> String {
        if SourceFile.isBuiltIn(path) { return path }
        let normalised = normalise(path)
        return normalised.hasPrefix("/") ? "file://" + uriPath(normalised) : uriPath(normalised)
    }
}
