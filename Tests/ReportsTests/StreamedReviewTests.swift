import Corpora
import PolicyCatalog
import Reports
import ReviewEngine
import ReviewRecords
import Testing
import YAMLDocument

/// The streamed review writes the same report whatever the number of threads and wherever each
/// framework's part is made, the same as the whole-result renderer, and stops at the first
/// description, in order, that passes a review limit.
@Suite struct StreamedReviewTests {
    /// Where the description with the largest report sits among the sources.
    static let largeIndex = 9

    /// The shipped descriptions and twelve variations of the template; the one at `largeIndex`
    /// has 200 more proxies that each cite a long source, for a report of several MB and the most
    /// findings.
    static func sources() throws -> [SourceFile] {
        let variations = (0..<12).map { i in
            let text =
                i + Inputs.frameworks.count == largeIndex
                ? TemplateCorpus.longSourceCitedBy(proxies: 200, sourceBytes: 4_000) : TemplateCorpus.variation(i)
            return SourceFile(path: "variation-\(i).yaml", bytes: Array(text.utf8))
        }
        return try Inputs.frameworks.map(Inputs.file) + variations
    }

    static func streamed(
        _ sources: [SourceFile], _ format: ReportFormat, threads: Int, partBytes: Int = 8 << 20,
        limits: ReviewLimits = .default, tracking: TrackingSet = .empty
    ) throws -> (bytes: [UInt8], summary: StreamedReview.Summary) {
        var review = StreamedReview(
            catalogs: try Inputs.catalogs(), limits: .default, reviewLimits: limits, toolVersion: "0.1.0-test",
            date: nil, workingDirectory: Inputs.root.path)
        review.threads = threads
        review.partBytes = partBytes
        review.tracking = tracking
        var bytes: [UInt8] = []
        let stream = try #require(ReportStream(format, colour: false))
        let summary = try review.run(sources, into: stream) { bytes += Inputs.copied($0) }
        return (bytes, summary)
    }

    /// Parts made on up to eight threads, all of them (a bound above every part), some of them
    /// (a bound between the usual part and the large one) or none (no bound): the same bytes.
    @Test(arguments: [ReportFormat.json, .text])
    func everyWayOfMakingThePartsWritesTheSameReport(format: ReportFormat) throws {
        let sources = try Self.sources()
        let (expected, summary) = try Self.streamed(sources, format, threads: 1)
        let context = try Inputs.context(sources)
        #expect(String(decoding: expected, as: UTF8.self) == format.render(context))
        #expect(summary.frameworks == sources.count)
        #expect(summary.worstViolation == context.result.frameworks.compactMap(\.worstViolation).max())
        // In JSON, the large description's part is above the middle bound, the others below it.
        let parts = try sources.map { try Self.streamed([$0], .json, threads: 1).bytes.count }
        #expect(parts.indices.filter { parts[$0] > 1 << 20 } == [Self.largeIndex], "\(parts)")
        for threads in [2, 3, 8] {
            for partBytes in [8 << 20, 1 << 20, 0] {
                let (bytes, other) = try Self.streamed(sources, format, threads: threads, partBytes: partBytes)
                #expect(bytes == expected, "\(threads) threads, parts up to \(partBytes) bytes")
                #expect(other.frameworks == summary.frameworks)
                #expect(other.worstViolation == summary.worstViolation)
            }
        }
    }

    /// The warnings of the tracking files, and the report with their judgements, are the same
    /// streamed, on any number of threads, as made from the whole result (`mupj summary`,
    /// `review --output-dir`; `status` reads the same `TrackedReview.warnings`): each framework's,
    /// in the order of the frameworks.
    @Test func trackingFilesWarnTheSameStreamedOrWhole() throws {
        let sources = try (Inputs.frameworks + ["frameworks/examples/common-mistakes.yaml"]).map(Inputs.file)
        let tracking = try Inputs.trackingWithWarnings()
        let context = try Inputs.context(sources, tracking: tracking)
        let warnings = context.trackingWarnings
        let example = "reviews/examples/shortcut.yaml"
        #expect(warnings.map(\.file) == ["reviews/tracking/panda.yaml", example, example])
        for threads in [1, 3] {
            let (bytes, summary) = try Self.streamed(sources, .json, threads: threads, tracking: tracking)
            #expect(summary.trackingWarnings == warnings, "\(threads) threads")
            #expect(String(decoding: bytes, as: UTF8.self) == ReportFormat.json.render(context), "\(threads) threads")
        }
    }

    /// A part is what the stream itself writes at that place, first or after others, and one
    /// larger than its bound is not made (the stream then writes that framework in pieces).
    @Test(arguments: [ReportFormat.json, .text])
    func aPartIsWhatTheStreamWritesThere(format: ReportFormat) throws {
        let context = try Inputs.context([try Inputs.file(Inputs.frameworks[0])])
        var stream = try #require(ReportStream(format, colour: false))
        _ = stream.opening(toolVersion: "0.1.0-test", catalogs: context.result.catalogs, date: nil)
        let first = try #require(stream.part(context, index: 0))
        let second = try #require(stream.part(context, index: 1))
        var itself = stream
        let written = [itself.frameworks(context), itself.frameworks(context)]
        #expect(stream.part(context, index: 0, maxBytes: written[0].count - 1) == nil)
        #expect(stream.part(context, index: 0, maxBytes: written[0].count) != nil)
        #expect(ReportStream.joined { stream.append(first, emit: $0) } == written[0])
        #expect(ReportStream.joined { stream.append(second, emit: $0) } == written[1])
        #expect(written[0] != written[1])
        #expect(stream.closing() == itself.closing())
    }

    /// The first description to pass a limit, in order, stops the stream: the frameworks before
    /// it are written, none after, whichever thread finished first.
    @Test(arguments: [1, 2, 8])
    func theFirstDescriptionOverALimitStopsTheStream(threads: Int) throws {
        let sources = try Self.sources()
        let catalogs = try Inputs.catalogs()
        let counts = try sources.map { source in
            try Engine.review(try Inputs.description(source), catalogs: catalogs).findings.count
        }
        // Only the large description has more findings than the limit.
        let limit = ReviewLimits(maxFindings: counts.max()! - 1, maxSteps: ReviewLimits.default.maxSteps)
        #expect(counts.indices.filter { counts[$0] > limit.maxFindings } == [Self.largeIndex], "\(counts)")
        var written: [UInt8] = []
        var review = StreamedReview(
            catalogs: catalogs, limits: .default, reviewLimits: limit, toolVersion: "0.1.0-test", date: nil,
            workingDirectory: Inputs.root.path)
        review.threads = threads
        let stream = try #require(ReportStream(.json, colour: false))
        do throws(StreamedReview.Failure) {
            _ = try review.run(sources, into: stream) { written += Inputs.copied($0) }
            Issue.record("the stream passed the limit")
        } catch {
            guard case .limit(let exceeded) = error else { throw error }
            #expect(exceeded.framework == sources[Self.largeIndex].path)
            #expect(exceeded.limit == .findings)
        }
        let before = try Self.streamed(Array(sources.prefix(Self.largeIndex)), .json, threads: 1).bytes
        // The report of the descriptions before, without its closing.
        #expect(before.starts(with: written))
        #expect(before.count - written.count == Array("\n  ]\n}\n".utf8).count)
    }
}
