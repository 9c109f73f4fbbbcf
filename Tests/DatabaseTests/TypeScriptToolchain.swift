import Foundation
import PostgresHarness

/// `tsc` and `node` from the PATH, and TypeScript's compiler API beside `tsc`, for the tests of
/// the dashboard's TypeScript. A test that needs them and finds none fails, naming the package.
struct TypeScriptToolchain {
  let tsc: String
  let node: String
  /// `typescript.js`, which the row check reads the declared types with.
  let compilerAPI: String

  /// What to install when a tool is missing.
  static let install =
    "Install Debian's node-typescript (it brings nodejs) with `apt-get install node-typescript`, or run `bash scripts/test.sh`, which installs it."

  /// A tool is missing, or failed; the description says which and what to do.
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// The tools, or an error naming what to install.
  static func find() throws -> TypeScriptToolchain {
    guard let tsc = onPath("tsc"), let node = onPath("node") else {
      let missing = ["tsc", "node"].filter { onPath($0) == nil }.joined(separator: " and ")
      throw Failure(description: "the TypeScript tests need \(missing): \(install)")
    }
    // Debian's /usr/bin/tsc and npm's bin/tsc both link to <package>/bin/tsc.
    let package = URL(fileURLWithPath: tsc).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent()
    let compilerAPI = package.appendingPathComponent("lib/typescript.js").path
    guard FileManager.default.fileExists(atPath: compilerAPI) else {
      throw Failure(
        description: "no TypeScript compiler API at \(compilerAPI) beside \(tsc): \(install)")
    }
    return TypeScriptToolchain(tsc: tsc, node: node, compilerAPI: compilerAPI)
  }

  /// The first executable `name` in the PATH.
  static func onPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// `tsc --strict --noEmit` on `files` (paths in `folder`), as a module with top-level await.
  func typeCheck(_ files: [String], in folder: URL) throws -> Shell.Result {
    try run(tsc, ["--strict", "--noEmit"] + Self.moduleOptions + files, in: folder)
  }

  /// Compiles `file` (a path in `folder`) to CommonJS in `folder/out`, for Node.
  func compile(_ file: String, in folder: URL) throws -> Shell.Result {
    try run(
      tsc, ["--strict", "--target", "es2020", "--module", "commonjs", "--outDir", "out", file],
      in: folder)
  }

  /// `node script arguments…` in `folder`.
  func node(_ script: String, _ arguments: [String], in folder: URL) throws -> Shell.Result {
    try run(node, [script] + arguments, in: folder)
  }

  static let moduleOptions = [
    "--target", "es2022", "--module", "es2022", "--moduleResolution", "node",
  ]

  /// Runs `executable` with `folder` as the working folder.
  private func run(_ executable: String, _ arguments: [String], in folder: URL) throws
    -> Shell.Result
  {
    try Shell.run(
      "/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", folder.path, executable] + arguments)
  }

  /// A new empty folder for one test's files.
  static func scratchFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "metrics-ts-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
