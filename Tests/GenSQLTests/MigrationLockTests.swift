import Foundation
import GenSQLCore
import SQLBuilder
import Testing

/// Runs of `GenSQL` in one folder at once: one writes the migration, the others wait for it and
/// then find nothing due.
@Suite struct MigrationLockTests {
  /// Holds the values reported by concurrent runs.
  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var codes: [GenSQLCommand.ExitCode] = []
    func append(_ code: GenSQLCommand.ExitCode) { lock.withLock { codes.append(code) } }
    var all: [GenSQLCommand.ExitCode] { lock.withLock { codes } }
  }

  @Test func concurrentRunsWriteExactlyOneMigration() throws {
    let folder = try SupabaseFolder()
    let output = folder.output
    let results = Results()
    // The full metrics schema keeps each run planning long enough to overlap; each run has its
    // own clock, so two runs writing would write two files.
    DispatchQueue.concurrentPerform(iterations: 8) { index in
      let run = GenSQLRun(
        output, now: GenSQLRun.now.addingTimeInterval(Double(index) * 60))
      results.append(run.code)
    }
    #expect(results.all == Array(repeating: .success, count: 8))
    #expect(folder.migrations.count == 1, "\(folder.migrations)")
    #expect(try folder.recorded().map(\.file) == folder.migrations)
  }

  /// The lock is on the migrations folder itself: a run waits while anyone holds it.
  @Test func aRunWaitsWhileTheMigrationsFolderIsLocked() throws {
    let folder = try SupabaseFolder()
    let output = folder.output
    _ = GenSQLRun(output, scripts: GenSQLMigrationTests.scripts(version: 1))
    let descriptor = open(folder.migrationsURL.path, O_RDONLY)
    #expect(descriptor >= 0)
    #expect(flock(descriptor, LOCK_EX) == 0)
    let done = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      _ = GenSQLRun(
        output, scripts: GenSQLMigrationTests.scripts(version: 2),
        now: GenSQLRun.now.addingTimeInterval(3600))
      done.signal()
    }
    let waited = done.wait(timeout: .now() + 0.5) == .timedOut
    #expect(waited, "the run must wait for the lock")
    #expect(folder.migrations.count == 1)
    close(descriptor)
    if waited { done.wait() }
    #expect(folder.migrations.count == 2)
  }

  @Test func checkDoesNotCreateTheMigrationsFolder() throws {
    let folder = try SupabaseFolder()
    let check = GenSQLRun(
      ["--check"] + folder.output, scripts: GenSQLMigrationTests.scripts(version: 1))
    #expect(check.code == .stale)
    #expect(!FileManager.default.fileExists(atPath: folder.migrationsURL.path))
  }
}
