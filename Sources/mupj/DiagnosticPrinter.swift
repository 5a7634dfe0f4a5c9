import DocumentSchema
import Reports
import YAMLDocument

/// Prints diagnostics the way compilers do, colouring the severity on a terminal.
enum DiagnosticPrinter {
    static func print(_ diagnostics: [Diagnostic], to terminal: Terminal = .standardError) {
        for diagnostic in diagnostics {
            let colour: Terminal.Colour =
                diagnostic.severity == .error ? .red : diagnostic.severity == .warning ? .yellow : .blue
            let location = diagnostic.location.map { ":\($0.line):\($0.column)" } ?? ""
            let severity = terminal.paint(diagnostic.severity.rawValue + ":", colour)
            // What the files said is quoted in messages, and a YAML string may hold any character
            // (`"\e[2J"`): control characters are shown, not sent, as in the text report.
            let file = Escape.terminal(diagnostic.file)
            terminal.write("\(file)\(location): \(severity) \(Escape.terminal(diagnostic.message))\n")
        }
    }
}
