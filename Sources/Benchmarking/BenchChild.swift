import FoundationEssentials
import Glibc

/// One command the benchmark ran as a child process, and how it ended: its exit status, wall time
/// and peak resident memory.
public struct BenchChild: Sendable {
    var status: Int32
    var wall: Double
    var maxRSSKilobytes: Int

    /// Runs a command with its output discarded (its standard error written to `standardError`
    /// if given); its wall time and peak resident memory (from wait4's rusage, which covers that
    /// child alone).
    static func spawn(_ argv: [String], standardError: String? = nil) throws(BenchError) -> BenchChild {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, standardError ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var cArguments = argv.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        let clock = ContinuousClock()
        let start = clock.now
        var pid = pid_t()
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw .failed("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw .failed("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let wall = (clock.now - start).seconds
        let exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return BenchChild(status: exitStatus, wall: wall, maxRSSKilobytes: Int(usage.ru_maxrss))
    }

    /// Runs `mupj ARGUMENTS` through a helper `mupj bench --report-child-to FILE -- …` and reads
    /// the figures it writes. The helper is needed for the peak: a child's `ru_maxrss` starts from
    /// the high-water mark of the process it was spawned from, which here holds all the corpora;
    /// spawned from the small helper, it starts from that helper's mark (the binary's baseline,
    /// which the command reaches anyway).
    static func measured(
        _ executable: String, _ arguments: [String], scratch: String, standardError: String? = nil
    ) throws -> BenchChild {
        let report = scratch + "/child-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: report) }
        let capture = standardError.map { ["--child-standard-error", $0] } ?? []
        let helper = try spawn(
            [executable, "bench", "--report-child-to", report] + capture + ["--", executable] + arguments)
        guard helper.status == 0 else { throw BenchError.failed("the measuring helper exited with \(helper.status)") }
        let fields = try String(contentsOfFile: report, encoding: .utf8).split(whereSeparator: \.isWhitespace)
        guard fields.count == 3, let status = Int32(fields[0]), let wall = Double(fields[1]),
            let peak = Int(fields[2])
        else { throw BenchError.failed("cannot read the measuring helper's report") }
        return BenchChild(status: status, wall: wall, maxRSSKilobytes: peak)
    }

    /// The helper's side of `measured` (`mupj bench --report-child-to FILE -- COMMAND`): runs the
    /// command, its standard error written to `standardError` (discarded without), and writes its
    /// exit status, wall time and peak memory to `file`.
    public static func report(running argv: [String], standardError: String?, to file: String) throws {
        let result = try spawn(argv, standardError: standardError)
        try "\(result.status) \(result.wall) \(result.maxRSSKilobytes)\n".write(
            toFile: file, atomically: true, encoding: .utf8)
    }

    /// The binary running, which the benchmark runs as its children: the one measured.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
