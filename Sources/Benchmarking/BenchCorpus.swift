import Corpora
import FoundationEssentials
import YAMLDocument

/// A set of generated descriptions on disk and in memory.
struct BenchCorpus {
    var name: String
    var paths: [String]
    var files: [SourceFile]
    var bytes: Int { files.reduce(0) { $0 + $1.bytes.count } }

    static let counts = [1, 10, 100, 1000]
    static let largeComponents = 10_000
    static let scalingPairs = [
        ("1 description", "10 descriptions"), ("10 descriptions", "100 descriptions"),
        ("100 descriptions", "1000 descriptions"),
    ]

    static func generate(in directory: String) throws -> [BenchCorpus] {
        let manager = FileManager.default
        var corpora: [BenchCorpus] = []
        for count in counts {
            let folder = directory + "/corpus-\(count)"
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var paths: [String] = []
            var files: [SourceFile] = []
            for i in 0..<count {
                let path = folder + "/framework-\(i).yaml"
                let bytes = Array(TemplateCorpus.variation(i).utf8)
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                paths.append(path)
                files.append(SourceFile(path: path, bytes: bytes))
            }
            corpora.append(
                BenchCorpus(name: "\(count) description\(count == 1 ? "" : "s")", paths: paths, files: files))
        }
        let path = directory + "/large-\(largeComponents).yaml"
        let bytes = Array(TemplateCorpus.withComponents(largeComponents).utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        corpora.append(
            BenchCorpus(
                name: "\(largeComponents) components", paths: [path], files: [SourceFile(path: path, bytes: bytes)]))
        if let shipped = shipped() { corpora.append(shipped) }
        return corpora
    }

    /// The descriptions in `frameworks/`, when the benchmark runs from the project's root (as it
    /// must, for the catalogs): real descriptions, each 26–51 KB with its sources and notes, where
    /// every generated one is the 7 KB template, whose findings per byte are what the targets are
    /// missed on. Measured against the same targets, so that neither kind hides the other.
    /// Its files are those `mupj review frameworks/` reads (the `*.yaml` and `*.yml` files directly
    /// in it); none when anything there cannot be read.
    static func shipped(directory: String = "frameworks") -> BenchCorpus? {
        guard case .success(.directory) = FileKind.of(directory),
            let listed = FileKind.entries(of: directory, endingWith: [".yaml", ".yml"])
        else { return nil }
        let (files, unreadable) = SourceFile.read(listed.files, maxBytes: LoadLimits.default.maxBytes)
        guard listed.problems.isEmpty, unreadable.isEmpty, !files.isEmpty else { return nil }
        return BenchCorpus(name: "\(files.count) shipped", paths: listed.files, files: files)
    }

    /// The one-description corpus's file, for start-up time.
    static func single(from corpora: [BenchCorpus]) throws(BenchError) -> String {
        guard let path = corpora.first?.paths.first else { throw .failed("no corpus generated") }
        return path
    }
}
