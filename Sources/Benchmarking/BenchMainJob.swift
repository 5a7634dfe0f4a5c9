import FoundationEssentials

/// The README's main job, `mupj review FILES --output-dir DIR` (every report format and the MB
/// summary), timed as a child process on each corpus: what a review of many frameworks costs
/// from end to end. No target applies (the are for validate and the JSON review); the
/// figures show where the reports, not the review, take the time.
enum BenchMainJob {
    static let widths = [20, 6, 7, 11, 11, 11]

    /// Prints a row per corpus: wall time, peak memory, and the size of the reports written.
    static func measure(_ corpora: [BenchCorpus], executable: String, directory: String) throws {
        print("== the main job: `review --output-dir` (every report format and the MB summary)")
        print(BenchTable.row(["corpus", "files", "MB", "CLI wall", "peak RSS", "reports"], widths: widths))
        let output = directory + "/main-job"
        for corpus in corpora {
            defer { try? FileManager.default.removeItem(atPath: output) }
            let child = try BenchChild.measured(
                executable, ["review"] + corpus.paths + ["--output-dir", output, "--fail-on", "never"],
                scratch: directory)
            guard child.status == 0 else {
                throw BenchError.failed("\(corpus.name): the main job exited with \(child.status)")
            }
            let names = try FileManager.default.contentsOfDirectory(atPath: output)
            let written = try names.reduce(0) { total, name in
                let size = try FileManager.default.attributesOfItem(atPath: output + "/" + name)[.size]
                return total + ((size as? any BinaryInteger).map { Int($0) } ?? 0)
            }
            print(
                BenchTable.row(
                    [
                        corpus.name, "\(corpus.files.count)", BenchTable.fixed(Double(corpus.bytes) / 1e6, 2),
                        BenchTable.duration(child.wall),
                        BenchTable.fixed(Double(child.maxRSSKilobytes) / 1e3, 1) + " MB",
                        BenchTable.fixed(Double(written) / 1e6, 1) + " MB",
                    ], widths: widths))
        }
        print()
    }
}
