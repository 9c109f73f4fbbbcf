import Foundation

/// Writes generated files so that a failure leaves every file as it was: each file goes to a
/// temporary sibling first, and only when all are written are they renamed into place.
enum OutputFolder {
  /// Why writing failed, in one line naming the path.
  struct WriteError: Error, CustomStringConvertible {
    let description: String
  }

  /// Writes `files`, each to its URL, all or nothing.
  static func writeAll(_ files: [(url: URL, text: String)]) throws(WriteError) {
    let manager = FileManager.default
    for folder in Set(files.map { $0.url.deletingLastPathComponent() }) {
      try createFolder(folder)
    }
    // Named for this run alone, so that runs in one process never share a temporary file.
    let run = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
    var staged: [(temporary: URL, final: URL)] = []
    func discardStaged() { staged.forEach { try? manager.removeItem(at: $0.temporary) } }
    for file in files {
      let final = file.url
      let folder = final.deletingLastPathComponent()
      let temporary = folder.appendingPathComponent(
        ".\(final.lastPathComponent).\(run).tmp")
      do {
        try Data(file.text.utf8).write(to: temporary)
      } catch {
        discardStaged()
        try? manager.removeItem(at: temporary)
        throw WriteError(
          description:
            "cannot write to output folder \(folder.path): \(reason(error)); nothing was written")
      }
      staged.append((temporary, final))
    }
    var replaced: [(final: URL, previous: Data?)] = []
    for (index, file) in staged.enumerated() {
      let previous = try? Data(contentsOf: file.final)
      guard rename(file.temporary.path, file.final.path) == 0 else {
        let message = String(cString: strerror(errno))
        staged[index...].forEach { try? manager.removeItem(at: $0.temporary) }
        for done in replaced.reversed() {
          if let data = done.previous {
            try? data.write(to: done.final)
          } else {
            try? manager.removeItem(at: done.final)
          }
        }
        throw WriteError(
          description: "cannot replace \(file.final.path): \(message); nothing was written")
      }
      replaced.append((file.final, previous))
    }
  }

  /// Creates `folder` and its parents unless they exist.
  static func createFolder(_ folder: URL) throws(WriteError) {
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw WriteError(
        description:
          "cannot create output folder \(folder.path): \(fileInTheWay(of: folder) ?? reason(error)); nothing was written"
      )
    }
  }

  /// "<path> is a file", when the nearest existing ancestor of `folder` is not a folder.
  static func fileInTheWay(of folder: URL) -> String? {
    var url = folder
    var isFolder: ObjCBool = false
    while !FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) {
      let parent = url.deletingLastPathComponent()
      guard parent.path != url.path else { return nil }
      url = parent
    }
    return isFolder.boolValue ? nil : "\(url.path) is a file"
  }

  /// The system's reason, as a clause: "Permission denied", without a closing period.
  static func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    if let cocoa = error as? CocoaError {
      switch cocoa.code {
      case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
      case .fileWriteFileExists: return "a file of that name is in the way"
      case .fileWriteOutOfSpace: return "no space left on the device"
      case .fileWriteVolumeReadOnly: return "read-only file system"
      case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
      default: break
      }
    }
    var text = nsError.localizedDescription
    if let range = text.range(of: "The operation could not be completed. ") {
      text.removeSubrange(..<range.upperBound)
    }
    while text.hasSuffix(".") { text.removeLast() }
    return text
  }
}
