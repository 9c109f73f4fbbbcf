import Foundation
import MetricsSchema
import SQLBuilder
import TextDiff

/// `GenSQL`: renders the metrics scripts and the dashboard's TypeScript, then writes or checks
/// them.
public enum GenSQLCommand {
  /// Exit codes, as `--help` lists them.
  public enum ExitCode: Int32 {
    case success = 0, stale = 1, usage = 2, failure = 3
  }

  /// Runs the command; `out` and `err` receive standard output and standard error text,
  /// `checkDeclarations` throws the problems of the base tables' declarations, and `now` dates
  /// a new migration.
  public static func run(
    arguments: [String], scripts: [SQLScript] = MetricsScripts.all,
    strategies: (MetricsStrategy) -> [SQLScript] = { MetricsScripts.all($0) },
    typeScript: TypeScriptFile = ReadAPI.typeScriptFile,
    checkDeclarations: () throws(SQLGenerationError) -> Void = { try SourceDeclarations.check() },
    now: Date = Date(),
    out: (String) -> Void, err: (String) -> Void
  ) -> ExitCode {
    let options: GenSQLOptions
    do {
      options = try GenSQLOptions(arguments: arguments)
    } catch {
      err("GenSQL: \(error.description) (see `swift run GenSQL --help`)\n")
      return .usage
    }
    if options.help {
      out(GenSQLOptions.usage + "\n")
      return .success
    }
    if options.version {
      out("GenSQL \(GenSQLOptions.currentVersion)\n")
      return .success
    }
    // The base tables' declarations first: a problem in one is named once, by its table and
    // declaration, not once per generated object that inlines it.
    do {
      try checkDeclarations()
    } catch {
      err(
        "GenSQL: the base tables' declarations are invalid; nothing was written.\n\(error.description)\n"
      )
      return .failure
    }
    let scripts = options.strategy.map(strategies) ?? scripts
    // The strategies not generated here are generated too, and must be valid: a change that
    // breaks the strategy not chosen stops here, not on the day a team switches.
    for other in MetricsStrategy.allCases where other != options.strategy ?? MetricsStrategy.chosen
    {
      do {
        _ = try generate(strategies(other))
      } catch {
        err(
          "GenSQL: the \(other) strategy's files, which the definitions do not choose, are invalid; nothing was written.\n\(error.description)\n"
        )
        return .failure
      }
    }
    let folder = URL(fileURLWithPath: options.outputDirectory, isDirectory: true)
    let migrations = MigrationFolder(
      url: options.migrationsDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
        ?? folder.deletingLastPathComponent().appendingPathComponent("migrations"))
    do {
      return try MigrationLock.holding(migrations.url, for: options.check ? .reading : .writing) {
        runHoldingTheLock(
          options, scripts, typeScript, folder: folder, migrations: migrations, now: now, out: out,
          err: err)
      }
    } catch {
      err("GenSQL: \(error)\n")
      return .failure
    }
  }

  /// The run itself, holding the lock: reads the state, plans, then checks, writes or records.
  static func runHoldingTheLock(
    _ options: GenSQLOptions, _ scripts: [SQLScript], _ typeScript: TypeScriptFile, folder: URL,
    migrations: MigrationFolder, now: Date, out: (String) -> Void, err: (String) -> Void
  ) -> ExitCode {
    let files: [GeneratedFile]
    let state: SchemaState?
    let plan: MigrationPlan
    do {
      files = try generatedFiles(scripts, typeScript, in: folder, options)
      state = try migrations.state()
      if let record = options.record {
        return Self.record(
          record, files: files, migrations: migrations, state: state, scripts: scripts, now: now,
          out: out, err: err)
      }
      plan = try MigrationPlan(from: state, to: scripts)
    } catch let error as SQLGenerationError {
      err(
        "GenSQL: the schema definitions are invalid; nothing was written.\n\(error.description)\n")
      return .failure
    } catch {
      err("GenSQL: \(error); nothing was written.\n")
      return .failure
    }
    let problems = (state.map(migrations.tampered) ?? []) + migrations.conflicts(with: state)
    if options.check {
      return check(
        files, in: folder, migrations: migrations, problems: problems, plan: plan, out: out,
        err: err)
    }
    guard problems.isEmpty else {
      err("GenSQL: \(problems.joined(separator: "; ")); nothing was written.\n")
      return .failure
    }
    var others: [(url: URL, text: String)] = []
    if plan.sql == nil && plan.recordsStateAgain, var next = state {
      next.objects = plan.objects
      others = [(migrations.stateURL, MigrationFolder.encode(next))]
    }
    if plan.sql != nil {
      let name = options.migrationName ?? (state == nil ? "metrics_schema" : "metrics_update")
      let file = migrations.nextFileName(name, at: now)
      let text = MigrationFolder.text(plan, after: state?.migrations.last?.file)
      var next = state ?? SchemaState()
      next.migrations.append(MigrationRecord(file: file, checksum: checksum(text)))
      next.objects = plan.objects
      others = [
        (migrations.url.appendingPathComponent(file), text),
        (migrations.stateURL, MigrationFolder.encode(next)),
      ]
    }
    guard write(files, and: others, out: out, err: err) else { return .failure }
    for deletion in plan.deletions { out("the migration deletes data: \(deletion)\n") }
    for opening in plan.opensAccess { out("the migration opens access: \(opening)\n") }
    if plan.sql == nil && plan.recordsStateAgain {
      out("recorded \(migrations.stateURL.relativePath) again in this GenSQL's form\n")
    }
    if plan.sql == nil { out("no migration is due: \(migrations.url.relativePath) is current\n") }
    return .success
  }

  /// What a run writes or checks: the scripts' files in `folder`, then the TypeScript, the
  /// pgTAP files' helpers and the emulation of the source tables where the options put them,
  /// if anywhere.
  static func generatedFiles(
    _ scripts: [SQLScript], _ typeScript: TypeScriptFile, in folder: URL, _ options: GenSQLOptions
  ) throws(SQLGenerationError) -> [GeneratedFile] {
    var files = try generate(scripts).map {
      GeneratedFile(folder.appendingPathComponent($0.path), $0.text)
    }
    if let path = options.typeScriptPath {
      files.append(GeneratedFile(URL(fileURLWithPath: path), try typeScript.render()))
    }
    for (path, script) in [
      (options.testHelpersPath, MetricsScripts.testHelpers),
      (options.emulationPath, MetricsScripts.emulation),
    ] {
      guard let path else { continue }
      files.append(GeneratedFile(URL(fileURLWithPath: path), try generate([script])[0].text))
    }
    return files
  }

  /// Writes the generated files and `others` all or nothing, printing each path written.
  static func write(
    _ files: [GeneratedFile], and others: [(url: URL, text: String)], out: (String) -> Void,
    err: (String) -> Void
  ) -> Bool {
    let unchanged = Set(files.filter(\.isCurrent).map(\.url))
    do {
      try OutputFolder.writeAll(files.map { ($0.url, $0.text) } + others)
    } catch {
      err("GenSQL: \(error)\n")
      return false
    }
    for file in files {
      let path = file.url.relativePath
      out(unchanged.contains(file.url) ? "unchanged \(path)\n" : "wrote \(path)\n")
    }
    for other in others { out("wrote \(other.url.relativePath)\n") }
    return true
  }

  static func check(
    _ files: [GeneratedFile], in folder: URL, migrations: MigrationFolder, problems found: [String],
    plan: MigrationPlan, out: (String) -> Void, err: (String) -> Void
  ) -> ExitCode {
    // Run from another folder, every file would be missing: say where to run instead of
    // printing every file as a diff.
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else {
      err(
        "GenSQL --check: \(folder.relativePath) does not exist; run GenSQL from the package's folder (where Package.swift is), or pass --output\n"
      )
      return .stale
    }
    var stale: [String] = []
    for file in files {
      let url = file.url
      // A missing or unreadable file (a folder in its place, no permission) is stale, and the
      // diff shows the whole file.
      var current = ""
      var label = url.relativePath
      do {
        current = try String(contentsOf: url, encoding: .utf8)
      } catch {
        let missing = !FileManager.default.fileExists(atPath: url.path)
        label += missing ? " (missing)" : " (unreadable: \(OutputFolder.reason(error)))"
      }
      guard current != file.text else { continue }
      stale.append(label)
      out(
        UnifiedDiff.between(
          current, file.text, oldName: "\(url.relativePath) (committed)",
          newName: "\(url.relativePath) (generated)"))
    }
    var problems: [String] = []
    if !stale.isEmpty { problems.append("stale: \(stale.joined(separator: ", "))") }
    if plan.sql != nil {
      problems.append(
        "a migration is due in \(migrations.url.relativePath) (\(plan.changes.joined(separator: ", ")))"
      )
    }
    if plan.sql == nil && plan.recordsStateAgain {
      problems.append(
        "\(migrations.stateURL.relativePath) was recorded by an earlier GenSQL and is due to be recorded again"
      )
    }
    // A run fixes what it generates; a conflicting or edited migration says its own fix.
    let runFixes = !problems.isEmpty && found.isEmpty
    problems += found
    guard problems.isEmpty else {
      let advice = runFixes ? "; run `swift run GenSQL` and commit the result" : ""
      err("GenSQL --check: \(problems.joined(separator: "; "))\(advice).\n")
      return .stale
    }
    err(
      "GenSQL --check: \(files.count) files are current and \(migrations.url.relativePath) needs no migration.\n"
    )
    return .success
  }
}
