import Foundation
import MetricsSchema
import SQLBuilder
import TextDiff

/// `GenSQL`: renders the metrics scripts, then writes or checks them.
public enum GenSQLCommand {
  /// Exit codes, as `--help` lists them.
  public enum ExitCode: Int32 {
    case success = 0, stale = 1, usage = 2, failure = 3
  }

  /// Runs the command; `out` and `err` receive standard output and standard error text.
  public static func run(
    arguments: [String], scripts: [SQLScript] = MetricsScripts.all,
    out: (String) -> Void, err: (String) -> Void
  ) -> ExitCode {
    let options: GenSQLOptions
    do {
      options = try GenSQLOptions(arguments: arguments)
    } catch {
      err("GenSQL: \(error.description)\n\n\(GenSQLOptions.usage)\n")
      return .usage
    }
    if options.help {
      out(GenSQLOptions.usage + "\n")
      return .success
    }
    let files: [RenderedFile]
    do {
      files = try generate(scripts)
    } catch {
      err(
        "GenSQL: the schema definitions are invalid; nothing was written.\n\(error.description)\n")
      return .failure
    }
    let folder = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
    if options.check { return check(files, in: folder, out: out, err: err) }
    do {
      try OutputFolder(folder).writeAll(files)
    } catch {
      err("GenSQL: \(error)\n")
      return .failure
    }
    for file in files { out("wrote \(folder.appendingPathComponent(file.path).relativePath)\n") }
    return .success
  }

  static func check(
    _ files: [RenderedFile], in folder: URL, out: (String) -> Void, err: (String) -> Void
  ) -> ExitCode {
    var stale: [String] = []
    for file in files {
      let url = folder.appendingPathComponent(file.path)
      let current = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
      guard current != file.text else { continue }
      stale.append(url.relativePath)
      out(
        UnifiedDiff.between(
          current, file.text, oldName: "\(url.relativePath) (committed)",
          newName: "\(url.relativePath) (generated)"))
    }
    guard stale.isEmpty else {
      err(
        "GenSQL --check: stale: \(stale.joined(separator: ", ")); run `swift run GenSQL` and commit the result.\n"
      )
      return .stale
    }
    err("GenSQL --check: \(files.count) files are current.\n")
    return .success
  }
}
