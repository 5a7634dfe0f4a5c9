import Corpora
import Testing

@testable import Benchmarking

/// How the benchmark judges one run of a hostile input: the verdicts its tally counts.
@Suite struct BenchHostileTests {
    static let path = "/tmp/bench/hostile-3.yaml"

    static func child(status: Int32 = 1, wall: Double = 0.1, megabytes: Int = 20) -> BenchChild {
        BenchChild(status: status, wall: wall, maxRSSKilobytes: megabytes * 1024)
    }

    static func problems(
        accepted: Bool, _ child: BenchChild, refusal: Int32 = 1, firstLine: String = "",
        maxKilobytes: Int = BenchHostile.maxKilobytes
    ) -> [String] {
        BenchHostile.problems(
            accepted: accepted, child, refusal: refusal, firstLine: firstLine, path: path, maxKilobytes: maxKilobytes)
    }

    @Test func locatedErrorsAreRecognised() {
        #expect(
            BenchHostile.located("\(Self.path):3:12: error: invalid UTF-8", path: Self.path)
                == "3:12: error: invalid UTF-8")
        // Another file, no column, a note, or no location at all.
        #expect(BenchHostile.located("/tmp/other.yaml:3:12: error: x", path: Self.path) == nil)
        #expect(BenchHostile.located("\(Self.path):3: error: x", path: Self.path) == nil)
        #expect(BenchHostile.located("\(Self.path):3:12: note: x", path: Self.path) == nil)
        #expect(BenchHostile.located("\(Self.path): error: the file is empty", path: Self.path) == nil)
        #expect(BenchHostile.located("Fatal error: Index out of range", path: Self.path) == nil)
    }

    @Test func aRunThatEndsAsItShouldHasNoProblem() {
        #expect(Self.problems(accepted: true, Self.child(status: 0)).isEmpty)
        let located = "\(Self.path):1:1: error: the file is empty; expected one YAML document"
        #expect(Self.problems(accepted: false, Self.child(status: 1), firstLine: located).isEmpty)
        #expect(Self.problems(accepted: false, Self.child(status: 2), refusal: 2, firstLine: located).isEmpty)
    }

    @Test func eachWayOfEndingWronglyIsNamed() {
        #expect(Self.problems(accepted: true, Self.child(status: 1)) == ["exit 1 on a valid input"])
        let located = "\(Self.path):1:1: error: x"
        #expect(Self.problems(accepted: false, Self.child(status: 0), firstLine: located) == ["exit 0, not 1"])
        #expect(
            Self.problems(accepted: false, Self.child(status: 1), refusal: 2, firstLine: located) == ["exit 1, not 2"])
        // The helper reports a child killed by a signal as 128 + the signal, as a shell does.
        #expect(Self.problems(accepted: false, Self.child(status: 139), firstLine: located) == ["killed by signal 11"])
        #expect(
            Self.problems(accepted: false, Self.child(status: 1), firstLine: "error: somewhere")
                == ["first line of standard error not located: error: somewhere"])
    }

    @Test func boundsAreCheckedWhateverTheExit() {
        let located = "\(Self.path):1:1: error: x"
        #expect(Self.problems(accepted: true, Self.child(status: 0, wall: 2.0, megabytes: 512)).isEmpty)
        #expect(Self.problems(accepted: true, Self.child(status: 0, wall: 2.5)) == ["took 2.500 s"])
        #expect(
            Self.problems(accepted: false, Self.child(status: 1, megabytes: 600), firstLine: located)
                == ["peak RSS 600.0 MiB"])
        #expect(
            Self.problems(accepted: true, Self.child(status: 3, wall: 3, megabytes: 513))
                == ["exit 3 on a valid input", "took 3.000 s", "peak RSS 513.0 MiB"])
    }

    /// An input that holds its commands to less memory is judged by its own bound.
    @Test func anInputsOwnMemoryBoundIsChecked() throws {
        let input = try #require(HostileInput.all.first { $0.name == "a 16 MB pilot_role at the file-size limit" })
        let bound = input.maxMebibytes * 1024
        #expect(input.maxMebibytes < 512)
        #expect(Self.problems(accepted: true, Self.child(status: 0, megabytes: 100), maxKilobytes: bound).isEmpty)
        #expect(
            Self.problems(accepted: true, Self.child(status: 0, megabytes: 438), maxKilobytes: bound)
                == ["peak RSS 438.0 MiB"])
    }
}
