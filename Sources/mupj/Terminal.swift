import FoundationEssentials
import Glibc
import Reports
import YAMLDocument

/// Where text goes, and whether it may be coloured: only on a terminal, never with NO_COLOR.
struct Terminal: Sendable {
    let descriptor: Int32

    static let standardOutput = Terminal(descriptor: STDOUT_FILENO)
    static let standardError = Terminal(descriptor: STDERR_FILENO)

    /// On a terminal that can show colour: not with `NO_COLOR` set (and not empty, as no-color.org
    /// says), nor on a terminal that says it is `dumb`.
    var colours: Bool {
        let environment = ProcessInfo.processInfo.environment
        return isatty(descriptor) == 1 && environment["NO_COLOR"].map(\.isEmpty) ?? true
            && environment["TERM"] != "dumb"
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0.span) }
    }

    /// A failure on standard output ends the run with exit 2 (see `StandardStreams`); on standard
    /// error there is nowhere left to say it.
    func write(_ bytes: Span<UInt8>) {
        if !OutputFile.writeAll(bytes, to: descriptor) && descriptor == STDOUT_FILENO {
            StandardStreams.recordFailure(errno)
        }
    }

    /// The colours of diagnostics' severities (the reports paint with `Paint`).
    enum Colour: String {
        case red = "31", yellow = "33", blue = "34"
    }

    func paint(_ text: String, _ colour: Colour) -> String {
        Paint(enabled: colours).code(text, colour.rawValue)
    }
}

extension Terminal {
    /// Says on standard error that `path` was written (or `verb`), then what the file it replaced
    /// could not keep: the commands that write a user's file say both the same way.
    static func wrote(_ path: String, _ replacement: OutputFile.Replacement, verb: String = "wrote") {
        let shown = Escape.terminal(path)
        standardError.write("\(verb) \(shown)\n" + replacement.warnings(shown))
    }
}
