/// `RAISE EXCEPTION 'message' USING ERRCODE = 'code';`: fails the call with a SQLSTATE the
/// caller can act on.
///
/// ```swift
/// Raise.exception("p_from_date must not be after p_to_date", code: .invalidParameterValue)
/// // RAISE EXCEPTION 'p_from_date must not be after p_to_date' USING ERRCODE = '22023';
/// ```
/// Each `%` in the message is replaced by the next value; `%%` is a literal `%`. Generation
/// fails when the counts differ.
public struct Raise: PLStatement, PLInspectable, ValidatedStatement {
  /// How severe the message is; only `exception` aborts.
  public enum Level: String, Sendable {
    case notice = "NOTICE"
    case warning = "WARNING"
    case exception = "EXCEPTION"
  }
  let level: Level
  let message: String
  let values: [SQLNode]
  let code: SQLState?
  let hint: String?

  /// `RAISE level 'message', values… [USING ERRCODE = code, HINT = hint];`
  public init<each B: SQLType, each N: Nullability>(
    _ level: Level, _ message: String, _ values: repeat SQLExpression<each B, each N>,
    code: SQLState? = nil, hint: String? = nil
  ) {
    self.level = level
    self.message = message
    var nodes: [SQLNode] = []
    for value in repeat each values { nodes.append(value.node) }
    self.values = nodes
    self.code = code
    self.hint = hint
  }

  /// `RAISE EXCEPTION 'message' USING ERRCODE = code;`
  public static func exception(_ message: String, code: SQLState, hint: String? = nil) -> Raise {
    Raise(.exception, message, code: code, hint: hint)
  }

  package var expressions: [SQLNode] { values }
  package var nested: [any PLStatement] { [] }

  package func validate(_ validator: inout SQLValidator) {
    let placeholders = message.replacingOccurrences(of: "%%", with: "").filter { $0 == "%" }.count
    if placeholders != values.count {
      validator.report(
        StatementRules.Finding.raisePlaceholders(
          placeholders: placeholders, values: values.count, message: message))
    }
    for value in values { QueryRules.check(expression: value, clause: "RAISE", in: &validator) }
    if let code { code.validate(&validator) }
  }

  public func render(into writer: inout SQLWriter) {
    var text = "RAISE \(level.rawValue) \(PostgreSQL.stringLiteral(message))"
    for value in values { text += ", \(writer.expression(value))" }
    var options: [String] = []
    if let code { options.append("ERRCODE = \(PostgreSQL.stringLiteral(code.code))") }
    if let hint { options.append("HINT = \(PostgreSQL.stringLiteral(hint))") }
    if !options.isEmpty { text += " USING " + options.joined(separator: ", ") }
    writer.line(text + ";")
  }
}

/// A SQLSTATE error code, five characters, as clients match on it.
public struct SQLState: Hashable, Sendable {
  /// The five-character code, e.g. `22023`.
  public let code: String
  /// PL/pgSQL's condition name for the code, e.g. `invalid_parameter_value`, if it has one.
  public let name: String?

  /// A code by its five characters.
  public init(_ code: String) { self.init(code, name: nil) }

  /// A code with PL/pgSQL's condition name for it, which an exception block names it by.
  public init(_ code: String, name: String?) {
    self.code = code
    self.name = name
  }

  /// Reports a code that is not five digits or capital letters, as PostgreSQL requires.
  func validate(_ validator: inout SQLValidator) {
    if code.wholeMatch(of: #/[0-9A-Z]{5}/#) == nil {
      validator.report(StatementRules.Finding.invalidSQLState(code))
    }
  }

  /// Codes are equal when their five characters are; the name only changes how one is written.
  public static func == (lhs: SQLState, rhs: SQLState) -> Bool { lhs.code == rhs.code }
  public func hash(into hasher: inout Hasher) { hasher.combine(code) }

  /// `22023` invalid_parameter_value: an argument is NULL, out of range or inconsistent.
  public static let invalidParameterValue = SQLState("22023", name: "invalid_parameter_value")
  /// A NULL where none is allowed.
  public static let nullValueNotAllowed = SQLState("22004", name: "null_value_not_allowed")
  /// `42501` insufficient_privilege: the caller may not do this.
  public static let insufficientPrivilege = SQLState("42501", name: "insufficient_privilege")
  /// `42P01` undefined_table: a relation the statement needs does not exist.
  public static let undefinedTable = SQLState("42P01", name: "undefined_table")
  /// `55000` object_not_in_prerequisite_state: what the statement needs is not as it must be.
  public static let objectNotInPrerequisiteState = SQLState(
    "55000", name: "object_not_in_prerequisite_state")
  /// `42703` undefined_column: a column the statement needs does not exist.
  public static let undefinedColumn = SQLState("42703", name: "undefined_column")
  /// `25006` read_only_sql_transaction: the statement would write where it cannot, e.g. on a
  /// standby.
  public static let readOnlySQLTransaction = SQLState(
    "25006", name: "read_only_sql_transaction")
  /// `P0001` raise_exception: PL/pgSQL's default for RAISE EXCEPTION.
  public static let raiseException = SQLState("P0001", name: "raise_exception")
}
