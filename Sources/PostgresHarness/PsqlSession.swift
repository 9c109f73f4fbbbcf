import Foundation

/// A `psql` session kept open, for tests that need a second connection holding locks while
/// another works. Statements are written to its standard input as they come.
public final class PsqlSession: @unchecked Sendable {
  private let process = Process()
  private let input = Pipe()
  private let output = Pipe()

  /// Connects to `cluster` as `user`.
  public init(_ cluster: PostgresCluster, user: String = "postgres") throws {
    process.executableURL = URL(fileURLWithPath: cluster.psqlPath)
    process.arguments = cluster.psqlArguments(user: user)
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
  }

  /// Sends SQL without waiting for it to finish; nothing, once the server ended the session
  /// (what it printed says why).
  public func send(_ sql: String) {
    try? input.fileHandleForWriting.write(contentsOf: Data((sql + "\n").utf8))
  }

  /// Ends the session and returns everything it printed.
  @discardableResult
  public func close() -> String {
    try? input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
