import Foundation
import Testing
import TextDiff

/// Compares `text` with `__Snapshots__/<name>`; `SNAPSHOT_RECORD=1` writes it instead.
/// A mismatch records an issue with the unified diff from the snapshot to the new text.
func assertSnapshot(
  _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let url = snapshotsDirectory.appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
    try? FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? Data(text.utf8).write(to: url)
    return
  }
  guard let recorded = try? String(contentsOf: url, encoding: .utf8) else {
    Issue.record(
      "No snapshot \(name); run `SNAPSHOT_RECORD=1 swift test` to record it.",
      sourceLocation: sourceLocation)
    return
  }
  if recorded != text {
    let diff = UnifiedDiff.between(
      recorded, text, oldName: "\(name) (snapshot)", newName: "\(name) (rendered)")
    Issue.record(
      "Snapshot \(name) differs; `SNAPSHOT_RECORD=1 swift test` re-records it.\n\(diff)",
      sourceLocation: sourceLocation)
  }
}

/// `Tests/SnapshotTests/__Snapshots__`.
let snapshotsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("__Snapshots__")

/// The package's root folder.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
