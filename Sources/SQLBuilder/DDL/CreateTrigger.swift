/// `CREATE TRIGGER name AFTER events ON table [REFERENCING …] FOR EACH ROW|STATEMENT
/// EXECUTE FUNCTION function();`
///
/// ```swift
/// CreateTrigger(
///   "purchases_changed", .after, [.insert, .update], on: Purchases.self, forEach: .statement,
///   referencing: [.newTable(as: "new_purchases")], execute: recordChanges)
/// ```
/// A statement trigger with transition tables reads them in its function as ``TransitionTable``s.
public struct CreateTrigger<Table: Relation>: SQLStatement {
  let name: String
  let timing: TriggerTiming
  let events: [TriggerEvent]
  let level: TriggerLevel
  let transitions: [TransitionTableName]
  let function: FunctionSignature
  let orReplace: Bool

  /// A trigger on `Table` calling `function`, a trigger function without parameters.
  public init(
    _ name: String, _ timing: TriggerTiming, _ events: [TriggerEvent], on _: Table.Type,
    forEach level: TriggerLevel, referencing transitions: [TransitionTableName] = [],
    orReplace: Bool = true, execute function: Function<NoParameters>
  ) {
    self.name = name
    self.timing = timing
    self.events = events
    self.level = level
    self.transitions = transitions
    self.function = function.signature
    self.orReplace = orReplace
  }

  public func render(into w: inout SQLWriter) {
    let head = orReplace ? "CREATE OR REPLACE TRIGGER" : "CREATE TRIGGER"
    let eventList = events.map(\.rawValue).joined(separator: " OR ")
    w.line("\(head) \(w.identifier(name))")
    w.indented { t in
      t.line("\(timing.rawValue) \(eventList) ON \(t.name(Table.qualifiedName))")
      if !transitions.isEmpty {
        let names = transitions.map { "\($0.keyword) \(t.identifier($0.name))" }
        t.line("REFERENCING " + names.joined(separator: " "))
      }
      t.line("FOR EACH \(level.rawValue)")
      t.line("EXECUTE FUNCTION \(t.name(function.name))();")
    }
  }
}

extension CreateTrigger: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.describing("trigger \(name)") { v in
      v.identifier(name)
      v.name(Table.qualifiedName)
      v.name(function.name)
      transitions.forEach { v.identifier($0.name) }
      TriggerRules.check(timing, events, level, transitions, in: &v)
      v.catalogue.triggers.append(
        .init(trigger: name, function: function.name, level: level, events: Set(events)))
    }
  }
}

/// When a trigger fires relative to the change.
public enum TriggerTiming: String, Sendable {
  case before = "BEFORE"
  case after = "AFTER"
  /// Only for FOR EACH ROW triggers on views: the function writes the row instead.
  case insteadOf = "INSTEAD OF"
}

/// The change that fires a trigger.
public enum TriggerEvent: String, Sendable, CaseIterable {
  case insert = "INSERT"
  case update = "UPDATE"
  case delete = "DELETE"
  /// Only for FOR EACH STATEMENT triggers.
  case truncate = "TRUNCATE"
}

/// Whether a trigger fires once per changed row or once per statement.
public enum TriggerLevel: String, Sendable {
  case row = "ROW"
  case statement = "STATEMENT"
}

/// A transition table of an AFTER trigger: the rows as they are after (`NEW TABLE`) or were
/// before (`OLD TABLE`) the statement.
public struct TransitionTableName: Sendable {
  let keyword: String
  let name: String
  let event: TriggerEvent?

  /// `NEW TABLE AS name`: inserted rows, or updated rows' new versions.
  public static func newTable(as name: String) -> Self {
    Self(keyword: "NEW TABLE AS", name: name, event: nil)
  }

  /// `OLD TABLE AS name`: deleted rows, or updated rows' old versions.
  public static func oldTable(as name: String) -> Self {
    Self(keyword: "OLD TABLE AS", name: name, event: nil)
  }
}

/// A transition table, declared like a ``Relation`` and read in a trigger function's queries;
/// its name has no schema.
public protocol TransitionTable: Relation {}
