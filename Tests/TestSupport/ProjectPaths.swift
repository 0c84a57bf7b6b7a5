import Foundation

/// Where tests find the project and the shared data beside it (`../shared/data`, read in place,
/// never copied), and where they may write.
public enum ProjectPaths {
    /// The package root (the folder holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0 ..< 3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/data/<relative>` beside the project, or `nil` when it is not there.
    public static func sharedData(_ relative: String) -> String? {
        let path = root + "/../shared/data/" + relative
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The ZIP centroid table: the shared original, else the project's attributed copy.
    public static var zipTable: String { sharedData("zipcodes.tsv") ?? root + "/Corpus/zip-centroids.tsv" }

    /// A fresh directory unique to this process and `name`, inside `processScratch`: removed with
    /// everything in it when the test process exits normally (a run used to leave about 1,100
    /// directories, 125 MB of indexes and corpora, in the system temp directory).
    public static func temporaryDirectory(_ name: String) -> String {
        let dir = processScratch + "/\(name)-\(UInt32.random(in: 0 ... .max))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `<system temp>/schoolfinder-tests-<pid>`, created on first use, with an `atexit` handler
    /// that removes it. A crashed or killed run leaves it behind, named by its process id.
    public static let processScratch: String = {
        let dir = NSTemporaryDirectory() + "schoolfinder-tests-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: ProjectPaths.processScratch) }
        return dir
    }()
}
