import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An advisory `flock` on the migrations folder itself, so two runs of GenSQL in one checkout
/// never both read the same state and write a migration; no lock file is left behind.
enum MigrationLock {
  /// Writing runs hold it alone; `--check` runs share it, so they never read a half-written state.
  enum Mode {
    case writing, reading
  }

  /// Runs `body` holding the lock on `folder`, waiting while another run holds it. A writing run
  /// creates the folder first; a reading run of a folder that does not exist takes no lock.
  static func holding<T>(_ folder: URL, for mode: Mode, _ body: () -> T) throws(GenSQLFailure)
    -> T
  {
    if mode == .writing {
      do {
        try OutputFolder.createFolder(folder)
      } catch {
        throw GenSQLFailure(error.description)
      }
    } else if !FileManager.default.fileExists(atPath: folder.path) {
      return body()
    }
    let descriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw GenSQLFailure(
        "cannot open \(folder.relativePath) to lock it: \(String(cString: strerror(errno))); nothing was written"
      )
    }
    defer { close(descriptor) }
    var result: Int32
    repeat {
      result = flock(descriptor, mode == .writing ? LOCK_EX : LOCK_SH)
    } while result != 0 && errno == EINTR
    guard result == 0 else {
      throw GenSQLFailure(
        "cannot lock \(folder.relativePath): \(String(cString: strerror(errno))); nothing was written"
      )
    }
    return body()
  }
}
