import Corpora
import FoundationEssentials

/// The hardening issue's bounds on hostile inputs, timed: each input of `HostileInput.all`
/// through `mupj validate` and `mupj review`, and as the other YAML people write (a catalog, the
/// status file, for a day and for its history, a tracking file), as child processes, each within 2 s and 512 MiB,
/// ending with exit 0 where the input is valid for that reader, or refused with its first error
/// located in the file. The hardening tests check what each run says; this checks what it costs.
/// An input may hold its commands to less memory (`HostileInput.maxMebibytes`).
enum BenchHostile {
    static let maxSeconds = 2.0
    static let maxKilobytes = HostileInput.issueMebibytes * 1024

    struct Command: Sendable {
        var name: String
        /// What the command reads the input as.
        var reader: @Sendable (HostileInput) -> HostileInput.Reader
        /// The arguments, for the input and the files it is read with.
        var arguments: @Sendable (Files) -> [String]
        /// The exit code of a refusal: 1 for an invalid description, status or tracking file, 2 for a
        /// catalog that does not load (README, exit codes).
        var refusal: Int32 = 1
    }

    /// The input's path and those of the files it is read with.
    struct Files {
        var input: String
        /// `Hostile.catalogPartner`, reviewed with a catalog.
        var partner: String
        /// The input's own prerequisite catalog for its history, if it has one.
        var historyCatalog: String?
        /// `HostileTrackingFile.description`, reviewed with a tracking file.
        var tracked: String
    }

    static let commands = [
        // `validate` reads each file as the kind of file it is.
        Command(name: "validate", reader: \.validatedAs, arguments: { ["validate", $0.input] }),
        Command(
            name: "review", reader: { _ in .description },
            arguments: { ["review", $0.input, "--format", "json", "--fail-on", "never"] }),
        // The README's main job: every report format, written into a directory beside the input.
        Command(
            name: "all formats", reader: { _ in .description },
            arguments: { ["review", $0.input, "--output-dir", reportDirectory($0.input), "--fail-on", "never"] }),
        Command(
            name: "as catalog", reader: { _ in .catalog },
            arguments: { ["review", "--checklist", $0.input, $0.partner, "--fail-on", "never"] },
            refusal: 2),
        Command(
            name: "as status file", reader: { _ in .statusFile },
            arguments: { ["status", "--status-file", $0.input] }),
        Command(
            name: "status --history", reader: { _ in .history },
            arguments: { files in
                ["status", "--history", "--status-file", files.input]
                    + (files.historyCatalog.map { ["--checklist", $0] } ?? [])
            }),
        Command(
            name: "as tracking file", reader: { _ in .trackingFile },
            arguments: { ["review", $0.tracked, "--tracking", $0.input, "--format", "json", "--fail-on", "never"] }),
    ]

    /// The input, its size, one column per command, and the error (unpadded, last).
    static let widths = [36, 8, 25, 25, 25, 25, 25, 25, 25, 0]

    /// Where "all formats" writes the reports of the input at `path`; removed after each run.
    static func reportDirectory(_ path: String) -> String { path + ".reports" }

    /// Prints a row per input; returns a verdict per run. The catalogs the reviews read are those
    /// `Benchmark.run` checked before it began.
    static func measure(executable: String, directory: String) throws -> [(String, Bool)] {
        print(
            "== hostile inputs: each command ≤ \(BenchTable.fixed(maxSeconds, 0)) s and ≤ \(HostileInput.issueMebibytes) MiB, ending with exit 0 "
                + "where the input is valid, or refused (exit 1; 2 for a catalog) with an error located in the file")
        print(
            "   (each cell: exit, wall, peak RSS; the error shown is the first from the reader the input is aimed at)")
        print(BenchTable.row(["input", "MB"] + commands.map(\.name) + ["first error"], widths: widths))
        let folder = directory + "/hostile"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let errors = folder + "/stderr.txt"
        let partner = folder + "/partner.yaml"
        try Data(Hostile.catalogPartner().utf8).write(to: URL(fileURLWithPath: partner))
        defer { try? FileManager.default.removeItem(atPath: partner) }
        let tracked = folder + "/tracked.yaml"
        try Data(HostileTrackingFile.description.utf8).write(to: URL(fileURLWithPath: tracked))
        defer { try? FileManager.default.removeItem(atPath: tracked) }
        var verdicts: [(String, Bool)] = []
        for (index, input) in HostileInput.all.enumerated() {
            let bytes = input.bytes()
            let path = folder + "/input-\(index).yaml"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            var historyCatalog: String?
            if let catalog = input.historyCatalog {
                historyCatalog = folder + "/input-\(index)-prerequisites.yaml"
                try Data(catalog().utf8).write(to: URL(fileURLWithPath: folder + "/input-\(index)-prerequisites.yaml"))
            }
            defer { if let historyCatalog { try? FileManager.default.removeItem(atPath: historyCatalog) } }
            var cells = [input.name, BenchTable.fixed(Double(bytes.count) / 1e6, 2)]
            var firstError = ""
            for command in commands {
                let child = try BenchChild.measured(
                    executable,
                    command.arguments(
                        Files(input: path, partner: partner, historyCatalog: historyCatalog, tracked: tracked)),
                    scratch: directory,
                    standardError: errors)
                try? FileManager.default.removeItem(atPath: reportDirectory(path))
                let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
                let first = stderr.split(separator: "\n").first.map(String.init) ?? ""
                let reader = command.reader(input)
                let accepted = input.acceptedBy.contains(reader)
                let problems = Self.problems(
                    accepted: accepted, child, refusal: command.refusal, firstLine: first, path: path,
                    maxKilobytes: input.maxMebibytes * 1024)
                if reader == input.aimedAt && firstError.isEmpty && !accepted {
                    firstError = located(first, path: path) ?? first
                }
                cells.append(
                    "\(child.status)\(BenchTable.mark(problems.isEmpty)) \(BenchTable.duration(child.wall)) "
                        + "\(BenchTable.fixed(Double(child.maxRSSKilobytes) / 1024, 0)) MiB")
                let what = "\(command.name): \(input.name)"
                verdicts.append(
                    (problems.isEmpty ? what : what + ": " + problems.joined(separator: ", "), problems.isEmpty))
            }
            let shown = firstError.count > 60 ? String(firstError.prefix(59)) + "…" : firstError
            print(BenchTable.row(cells + [shown], widths: widths))
        }
        try? FileManager.default.removeItem(atPath: errors)
        print()
        return verdicts
    }

    /// What is wrong with one run, in words; empty when it is within bounds and ended as it must.
    static func problems(
        accepted: Bool, _ child: BenchChild, refusal: Int32, firstLine: String, path: String,
        maxKilobytes: Int = BenchHostile.maxKilobytes
    ) -> [String] {
        var problems: [String] = []
        switch accepted {
        case true where child.status != 0:
            problems.append("exit \(child.status) on a valid input")
        case false where child.status != refusal:
            problems.append(
                child.status > 128
                    ? "killed by signal \(child.status - 128)" : "exit \(child.status), not \(refusal)")
        case false where located(firstLine, path: path) == nil:
            problems.append("first line of standard error not located: \(firstLine)")
        default:
            break
        }
        if child.wall > maxSeconds { problems.append("took \(BenchTable.duration(child.wall))") }
        if child.maxRSSKilobytes > maxKilobytes {
            problems.append("peak RSS \(BenchTable.fixed(Double(child.maxRSSKilobytes) / 1024, 1)) MiB")
        }
        return problems
    }

    /// `LINE:COL: error: MESSAGE` when `line` is `PATH:LINE:COL: error: MESSAGE`; nil otherwise.
    static func located(_ line: String, path: String) -> String? {
        guard line.hasPrefix(path + ":") else { return nil }
        let rest = line.dropFirst(path.count + 1)
        let parts = rest.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, Int(parts[0]) != nil, Int(parts[1]) != nil, parts[2].hasPrefix(" error: ") else {
            return nil
        }
        return String(rest)
    }
}
