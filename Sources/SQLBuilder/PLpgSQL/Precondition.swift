/// A check that stops a script, and every migration written from the scripts, before any of
/// its changes: a ``DoBlock`` that raises when what the objects read is not as declared.
///
/// ```swift
/// Precondition {
///   If(relationIsMissing(Calls.self)) { Raise.exception("public.calls is missing", code: .undefinedTable) }
/// }
/// // DO $$ BEGIN IF to_regclass('public.calls') IS NULL THEN RAISE EXCEPTION … END IF; END $$;
/// ```
public struct Precondition: SQLStatement, ValidatedStatement, SchemaMember {
  let block: DoBlock

  /// Checks `body` before anything else a migration does.
  public init(@PLBuilder _ body: () -> [any PLStatement]) { block = DoBlock(body) }

  public func render(into writer: inout SQLWriter) { block.render(into: &writer) }

  package func validate(_ validator: inout SQLValidator) { block.validate(&validator) }

  package var schemaRole: SchemaRole { .precondition }
}
