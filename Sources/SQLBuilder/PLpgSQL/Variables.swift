/// A PL/pgSQL variable, declared with ``Declare`` and read as `variable.value`.
///
/// ```swift
/// let rows = Variable<PG.BigInt>("v_rows")
/// Declare(rows)                        // DECLARE v_rows bigint;
/// GetDiagnostics(rows, .rowCount)      // GET DIAGNOSTICS v_rows = ROW_COUNT;
/// If(rows.value > .constant(0)) { … }
/// ```
public struct Variable<Base: SQLType>: Sendable {
  /// The variable's name.
  public let name: String

  /// A variable named `name`.
  public init(_ name: String) { self.name = name }

  /// The variable's current value; NULL until assigned.
  public var value: SQLExpression<Base, Nullable> { .init(unchecked: .variable(name)) }
}

/// `DECLARE name type [:= value];`: placed in the function's DECLARE section wherever it is
/// written in the body.
public struct Declare: PLStatement, PLInspectable {
  let name: String
  let typeName: String
  let initial: SQLNode?

  /// Declares `variable`, NULL until assigned.
  public init<B: SQLType>(_ variable: Variable<B>) {
    name = variable.name
    typeName = B.sqlName
    initial = nil
  }

  /// Declares `variable` with a first value.
  public init<B: SQLType>(_ variable: Variable<B>, _ value: SQLExpression<B, some Nullability>) {
    name = variable.name
    typeName = B.sqlName
    initial = value.node
  }

  package var expressions: [SQLNode] { initial.map { [$0] } ?? [] }
  package var nested: [any PLStatement] { [] }

  /// Declarations render in the DECLARE section, not in the body.
  public func render(into writer: inout SQLWriter) {}

  func renderDeclaration(into writer: inout SQLWriter) {
    var text = "\(writer.identifier(name)) \(writer.typeName(typeName))"
    if let initial { text += " := \(writer.expression(initial))" }
    writer.line(text + ";")
  }
}

/// `variable := value;`
public struct Assign: PLStatement, PLInspectable {
  let name: String
  let field: String?
  let value: SQLNode

  /// Sets `variable` to `value`, which has its type.
  public init<B: SQLType>(_ variable: Variable<B>, _ value: SQLExpression<B, some Nullability>) {
    self.init(target: variable.name, field: nil, value: value.node)
  }

  init(target: String, field: String?, value: SQLNode) {
    name = target
    self.field = field
    self.value = value
  }

  package var expressions: [SQLNode] { [.variable(name), value] }
  package var nested: [any PLStatement] { [] }

  public func render(into writer: inout SQLWriter) {
    let target = writer.identifier(name) + (field.map { "." + writer.identifier($0) } ?? "")
    writer.line("\(target) := \(writer.expression(value));")
  }
}

/// `GET DIAGNOSTICS variable = ROW_COUNT;`: how many rows the last statement touched.
public struct GetDiagnostics: PLStatement, PLInspectable {
  /// What GET DIAGNOSTICS reads.
  public enum Item: String, Sendable {
    /// `ROW_COUNT`: rows processed by the last SQL command.
    case rowCount = "ROW_COUNT"
  }
  let name: String
  let item: Item

  /// Stores `item` of the last statement in `variable`.
  public init(_ variable: Variable<PG.BigInt>, _ item: Item) {
    name = variable.name
    self.item = item
  }

  package var expressions: [SQLNode] { [.variable(name)] }
  package var nested: [any PLStatement] { [] }

  public func render(into writer: inout SQLWriter) {
    writer.line("GET DIAGNOSTICS \(writer.identifier(name)) = \(item.rawValue);")
  }
}

extension Declare: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.identifier(name)
    validator.typeName(typeName)
    if let initial {
      QueryRules.check(expression: initial, clause: "the value of \(name)", in: &validator)
    }
  }
}

extension Assign: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) {
    validator.identifier(name)
    if let field { validator.identifier(field) }
    QueryRules.check(expression: value, clause: "assignment to \(name)", in: &validator)
  }
}

extension GetDiagnostics: ValidatedStatement {
  package func validate(_ validator: inout SQLValidator) { validator.identifier(name) }
}
