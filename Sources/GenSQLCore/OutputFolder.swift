import Foundation
import SQLBuilder

/// Writes generated files so that a failure leaves every file as it was: each file goes to a
/// temporary sibling first, and only when all are written are they renamed into place.
struct OutputFolder {
  let url: URL

  init(_ url: URL) { self.url = url }

  /// Why writing failed, in one line naming the path.
  struct WriteError: Error, CustomStringConvertible {
    let description: String
  }

  func writeAll(_ files: [RenderedFile]) throws(WriteError) {
    let manager = FileManager.default
    do {
      try manager.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw WriteError(description: "cannot create output folder \(url.path): \(reason(error))")
    }
    var staged: [(temporary: URL, final: URL)] = []
    func discardStaged() { staged.forEach { try? manager.removeItem(at: $0.temporary) } }
    for file in files {
      let final = url.appendingPathComponent(file.path)
      let temporary = url.appendingPathComponent(
        ".\(file.path).\(ProcessInfo.processInfo.processIdentifier).tmp")
      do {
        try Data(file.text.utf8).write(to: temporary)
      } catch {
        discardStaged()
        try? manager.removeItem(at: temporary)
        throw WriteError(
          description:
            "cannot write to output folder \(url.path): \(reason(error)); nothing was written")
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

  private func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
  }
}
