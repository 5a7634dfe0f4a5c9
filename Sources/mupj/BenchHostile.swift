import Corpora
import FoundationEssentials

/// The hardening issue's bounds on hostile inputs, timed: each input of `HostileInput.all`
/// through `mupj validate` and `mupj review` as child processes, each within 2 s and 512 MiB,
/// ending with exit 0 on a valid description or exit 1 or 2 with its first error located in the
/// file. The hardening tests check what each run says; this checks what it costs.
enum BenchHostile {
    static let maxSeconds = 2.0
    static let maxKilobytes = 512 * 1024

    static let commands: [(name: String, arguments: @Sendable (String) -> [String])] = [
        ("validate", { ["validate", $0] }),
        ("review", { ["review", $0, "--format", "json", "--fail-on", "never"] }),
    ]

    static let widths = [36, 9, 6, 10, 12, 6, 10, 12]

    /// Prints a row per input; returns a verdict per run.
    static func measure(executable: String, directory: String) throws -> [(String, Bool)] {
        print(
            "== hostile inputs: each command ≤ \(Bench.fixed(maxSeconds, 0)) s and ≤ 512 MiB, ending with exit 0 "
                + "on a valid description, or exit 1 or 2 with an error located in the file")
        print(
            Bench.row(
                ["input", "MB", "exit", "validate", "peak RSS", "exit", "review", "peak RSS", "first error"],
                widths: widths))
        let folder = directory + "/hostile"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let errors = folder + "/stderr.txt"
        var verdicts: [(String, Bool)] = []
        for (index, input) in HostileInput.all.enumerated() {
            let bytes = input.bytes()
            let path = folder + "/input-\(index).yaml"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            var cells = [input.name, Bench.fixed(Double(bytes.count) / 1e6, 2)]
            var firstError = ""
            for command in commands {
                let child = try Bench.measured(
                    executable, command.arguments(path), scratch: directory, standardError: errors)
                let stderr = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
                let first = stderr.split(separator: "\n").first.map(String.init) ?? ""
                let problems = Self.problems(input.outcome, child, firstLine: first, path: path)
                if firstError.isEmpty, input.outcome == .refused { firstError = located(first, path: path) ?? first }
                cells += [
                    "\(child.status)" + Bench.mark(problems.isEmpty), Bench.duration(child.wall),
                    Bench.fixed(Double(child.maxRSSKilobytes) / 1024, 1) + " MiB",
                ]
                let what = "\(command.name) \(input.name)"
                verdicts.append(
                    (problems.isEmpty ? what : what + ": " + problems.joined(separator: ", "), problems.isEmpty))
            }
            print(
                Bench.row(
                    cells + [firstError.count > 70 ? String(firstError.prefix(69)) + "…" : firstError],
                    widths: widths))
        }
        try? FileManager.default.removeItem(atPath: errors)
        print()
        return verdicts
    }

    /// What is wrong with one run, in words; empty when it is within bounds and ended as it must.
    static func problems(_ outcome: HostileInput.Outcome, _ child: Bench.Child, firstLine: String, path: String)
        -> [String]
    {
        var problems: [String] = []
        switch outcome {
        case .valid where child.status != 0:
            problems.append("exit \(child.status) on a valid description")
        case .refused where child.status != 1 && child.status != 2:
            problems.append(child.status > 128 ? "killed by signal \(child.status - 128)" : "exit \(child.status)")
        case .refused where located(firstLine, path: path) == nil:
            problems.append("first line of standard error not located: \(firstLine)")
        default:
            break
        }
        if child.wall > maxSeconds { problems.append("took \(Bench.duration(child.wall))") }
        if child.maxRSSKilobytes > maxKilobytes {
            problems.append("peak RSS \(Bench.fixed(Double(child.maxRSSKilobytes) / 1024, 1)) MiB")
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
