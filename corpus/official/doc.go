// Package official holds the government's own figures for every English
// local authority with children's social care duties, embedded in the
// binary beside the corpus, and joins them into council profiles that can
// be set beside what recruitment articles claim.
//
// The shipped release (data/, with its README: provenance, licence and
// joining traps) is:
//
//   - DfE "Children's social work workforce" indicators for 30 September
//     2017 to 2025 (csww_indicators_2017_to_2025.csv) and 2016
//     (csww_2016_SFR08_2017_UD.csv, an older method): FTE, headcount,
//     caseload per case-holding FTE, vacancy, agency, turnover and
//     absence rates per authority, region and England;
//   - Ofsted's ILACS judgements as at 31 March 2025 and the 2018–2025
//     inspection history, sheets of LA_Inspection_Outcomes_as_at_31_March_2025.ods;
//   - DfE's statistical neighbours (sn_model_2025_wide.csv).
//
// All of it is Crown copyright under the Open Government Licence v3.0;
// Attribution returns the line to show with the figures.
//
// Rows are joined by code, never by name: DfE's 3-digit code for the
// workforce and neighbour files, the ONS code for Ofsted's sheets, each
// checked against the codes the ingest gazetteer gives every English
// council, so a profile's identity (name, short name, region, type,
// former names) is the gazetteer's and a search facet and a profile never
// disagree. The joining traps of the data README are handled here: a
// joint return ("314 / 318") is split and each figure names whom it is
// shared with; abolished authorities (Bournemouth, Poole, the old Dorset
// County Council, Northamptonshire, Cumbria) keep their figures under
// their own profiles, which name their successors; an ONS recode (North
// Yorkshire, Somerset, Buckinghamshire, Barnsley, Sheffield, Gateshead,
// Northumberland) is a former code of the same council; a suppression
// code is nil with its code in Suppressed, never a zero; the Ofsted
// report link is never a key (City of London's opens Islington's page).
//
// Shipped parses the embedded release once, on first use. Load reads a
// directory of newer files of the same formats instead (DfE publishes
// each February, Ofsted each autumn); a changed format is a *FormatError
// naming the file and column, and each profile's Release names the files
// it came from.
package official
