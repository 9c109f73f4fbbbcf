// A stand-in for the `Database` type `supabase gen types typescript` writes for these
// definitions, shortened to what the checks read: it types get_metrics_for_range's
// p_location_id as an optional string (never null) and every returned field `| null`.

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  public: {
    Tables: {
      user_location_access: {
        Row: { account_id: string; location_id: string; user_id: string }
        Insert: { account_id: string; location_id: string; user_id: string }
        Update: { account_id?: string; location_id?: string; user_id?: string }
        Relationships: []
      }
    }
    Views: {
      mv_metrics_daily: {
        Row: { account_id: string | null; location_id: string | null; total_calls: number | null }
        Relationships: []
      }
    }
    Functions: {
      get_metrics_for_range: {
        Args: { p_account_id: string; p_from_date: string; p_to_date: string; p_location_id?: string }
        Returns: { account_id: string | null; location_id: string | null; total_calls: number | null }[]
      }
      refresh_metrics_daily: { Args: Record<PropertyKey, never>; Returns: undefined }
    }
    Enums: { [_ in never]: never }
    CompositeTypes: { [_ in never]: never }
  }
}
