import Foundation
import TestSupport
import Testing

/// The examples of every command's `--help` are commands that users copy: each is run, in the
/// order the commands are listed and in turn within a command, in a project of its own (a copy of
/// the shipped catalogs, descriptions and status file, so that what they write lands there), and
/// none may be a usage error or be cut by the help's line wrapping.
@Suite struct HelpExamplesTests {
    /// In the order of `mupj --help`, but `init` first: `validate`'s example reads the file that
    /// `init`'s writes. `bench` is for developers and has no examples.
    static let commands = [
        "init", "validate", "review", "explain", "clauses", "summary", "status", "judge", "sign-off", "schema",
    ]

    /// The examples of one command's help: the block under its "Example…:" line, up to the next
    /// blank line, each line continued by a backslash joined to the next.
    static func examples(of command: String) throws -> (block: String, lines: [String]) {
        let help = try TestSupport.mupj([command, "--help"]).stdout
        let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
        guard let head = lines.firstIndex(where: { $0.hasPrefix("Example") && $0.hasSuffix(":") }) else {
            return ("", [])
        }
        let block = lines[(head + 1)...].prefix { !$0.isEmpty }.joined(separator: "\n")
        let joined = block.replacingOccurrences(of: "\\\n", with: " ")
        let shell = joined.split(separator: "\n").map {
            // "mupj review $F      (each open finding with its id)": the bracket is a comment.
            $0.trimmingCharacters(in: .whitespaces).replacing(/\s{2,}\(.*\)$/, with: "")
        }
        return (block, shell)
    }

    /// A copy of the project's catalogs, descriptions and status file, for commands that write.
    static func project() throws -> URL {
        let project = try TestSupport.temporaryDirectory()
        for name in ["checklists", "frameworks", "reviews"] {
            try FileManager.default.copyItem(
                at: TestSupport.packageRoot.appendingPathComponent(name), to: project.appendingPathComponent(name))
        }
        return project
    }

    /// Runs `lines` in turn in `project`: `F=…` sets a variable, `mupj …` runs the built binary.
    /// Each command must exit 0, but a review, which exits 1 on the violated findings the shipped
    /// descriptions have; and none may print an error: an example that is refused, or that reads an
    /// input mupj finds invalid, is one a user cannot run as written.
    static func run(_ lines: [String], in project: URL, from source: String) throws {
        // `mupj` is a function that runs the built binary. Each command runs in a subshell whose own
        // output is dropped, so that an example's `>` still writes its file, and its exit status is
        // printed on a line of its own.
        var script = "cd \"$1\" || exit 9\nB=\"$2\"\nmupj() { \"$B\" \"$@\"; }\nn=0\n"
        var commands: [String] = []
        for line in lines {
            if line.hasPrefix("F=") {
                script += line + "\n"
                continue
            }
            #expect(line.hasPrefix("mupj "), "\(source): \(line)")
            // The closing bracket on a line of its own: the line may end in a `# comment`.
            script += "( \(line)\n) >/dev/null 2>>errors.txt; echo \"$n $?\"; n=$((n+1))\n"
            commands.append(line)
        }
        let run = try TestSupport.shell(script, "sh", project.path, TestSupport.binary.path)
        let statuses = run.stdout.split(separator: "\n").compactMap {
            $0.split(separator: " ").last.flatMap { Int($0) }
        }
        #expect(statuses.count == commands.count, "\(source): \(run.stdout)\n\(run.stderr)")
        let errors = (try? String(contentsOf: project.appendingPathComponent("errors.txt"), encoding: .utf8)) ?? ""
        for (command, status) in zip(commands, statuses) {
            let allowed = command.hasPrefix("mupj review ") ? [0, 1] : [0]
            #expect(allowed.contains(status), "\(source): `\(command)` exited \(status):\n\(errors)")
        }
        for word in ["Usage:", "Error:", "error:"] {
            #expect(!errors.contains(word), "\(source): \(errors)")
        }
    }

    @Test func everyExampleRunsAndNoneIsWrapped() throws {
        let project = try Self.project()
        var lines: [String] = []
        for command in Self.commands {
            let (block, examples) = try Self.examples(of: command)
            #expect(!examples.isEmpty, "\(command) --help has no examples")
            // A line the help wrapped starts at the margin, where the example's lines are indented.
            #expect(block.split(separator: "\n").allSatisfy { $0.hasPrefix("  ") }, "\(command):\n\(block)")
            lines += examples
        }
        try Self.run(lines, in: project, from: "the commands' help")

        // What the examples said they would do, they did.
        let manager = FileManager.default
        #expect(manager.fileExists(atPath: project.appendingPathComponent("my-framework.yaml").path))
        #expect(manager.fileExists(atPath: project.appendingPathComponent("frameworks/my-framework.yaml").path))
        for file in ["review.sarif", "review.json", "summary.md", "summary.html", "reports/summary.html"] {
            let path = project.appendingPathComponent(file).path
            #expect((try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 > 0, "\(file)")
        }
        // The judge examples: the last names one finding and judges the one the same facts decide
        // with it.
        let tracking = try String(
            contentsOf: project.appendingPathComponent("reviews/tracking/shortcut.yaml"), encoding: .utf8)
        #expect(
            tracking.matches(of: /finding: "([0-9a-f]{16})"/).map { String($0.1) } == [
                "cdf8a97b29b13027", "bc865a887fc368c9", "1b0063dacf4dbcae", "0ef7320c30063d2d", "7d513b8cd524d5a6",
            ])
        #expect(tracking.contains("recommend-with-conditions"))
    }

    /// The commands of the README's and the docs' shell blocks (all but `mupj bench`, which takes
    /// minutes), each file's in turn in a project of its own.
    @Test func everyCommandOfTheDocumentsRuns() throws {
        let docs = try FileManager.default.contentsOfDirectory(
            atPath: TestSupport.packageRoot.appendingPathComponent("docs").path
        ).filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
        var total = 0
        for file in ["README.md"] + docs {
            let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(file), encoding: .utf8)
            var lines: [String] = []
            var inShell = false
            var continued = false
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```") {
                    inShell = !inShell && line == "```sh"
                    continue
                }
                // A line ending in a backslash goes on on the next.
                if continued, let last = lines.popLast() {
                    lines.append(String(last.dropLast()) + " " + line.trimmingCharacters(in: .whitespaces))
                } else if inShell && (line.hasPrefix("mupj ") || line.hasPrefix("F=")) && !line.hasPrefix("mupj bench")
                {
                    lines.append(String(line))
                } else {
                    continue
                }
                continued = line.hasSuffix("\\")
            }
            guard !lines.isEmpty else { continue }
            total += lines.count
            try Self.run(lines, in: try Self.project(), from: file)
        }
        // The README's own: init, validate and review of a new description, the tour, the tracking
        // and the MB's commands.
        #expect(total >= 20, "\(total) commands found in the documents")
    }
}
