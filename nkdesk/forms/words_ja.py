"""The forms' Japanese: English text as the forms print it → the ward's Japanese (issue 18).

Keys are the exact English the forms pass to `words.say` (templates keep their {names}); wording
follows Japanese hospital usage (適格性確認, 除外基準, 体表面積, 投与量, …), short for labels and
column headers. ICH E2A criteria follow the PMDA/MHLW wording of 重篤 (死に至るもの, 生命を脅かすもの …);
outcomes follow the Japanese SDTM/CDISC usage (回復, 軽快, 未回復, 後遺症あり, 死亡).
"""
from __future__ import annotations

WEEKDAYS_JA = ("月", "火", "水", "木", "金", "土", "日")

JA: dict[str, str] = {
    # ---- every page: header and footer
    "Page {n} of {total}": "{n} / {total} ページ",
    " (zone unknown)": "（タイムゾーン不明）",
    "Protocol {protocol}   ·   form version {version}": "プロトコル {protocol}   ·   様式版 {version}",
    "Subject {study_id}   Initials {initials}": "被験者 {study_id}   イニシャル {initials}",
    "Printed {when} by {who}   ·   NKDesk {version}": "印刷 {when}  {who}   ·   NKDesk {version}",
    "no role": "役割なし",
    "operating-system user": "OSユーザー",
    # ---- form titles (catalogue.FORMS)
    "Eligibility checklist": "適格性確認チェックリスト",
    "Filgrastim dose order": "フィルグラスチム投与指示書",
    "Treatment calendar": "治療カレンダー",
    "Infusion vital-signs record": "投与時バイタルサイン記録",
    "Adverse-event log": "有害事象一覧",
    "Patient summary": "患者サマリー",
    "Serious adverse event report": "重篤な有害事象報告書",
    # ---- words shared by several forms
    "—": "—",
    "Yes": "はい", "No": "いいえ", "yes": "はい", "no": "いいえ",
    "Status": "状態", "Cycle": "サイクル", "Day": "日", "Date": "日付", "Time": "時刻", "Event": "イベント",
    "Term": "事象名", "Source": "出典", "Role": "役割", "Meaning": "署名の意味", "Signed by": "署名者",
    "Date and time": "日時", "Protocol": "プロトコル", "Eligibility": "適格性", "Verdict": "判定",
    "within": "範囲内", "not signed": "署名なし", "valid": "有効",
    "Investigator's signature: ______________________________      Name: ______________________      "
    "Date: ____________": "試験責任・分担医師署名：______________________________      "
                          "氏名：______________________      日付：____________",
    "ELIGIBLE": "適格", "NOT ELIGIBLE": "不適格", "UNDECIDED (inputs missing)": "判定保留（入力不足）",
    # roles and signature meanings as stored
    "investigator": "試験責任・分担医師", "research nurse": "臨床研究看護師", "nurse": "看護師",
    "pharmacist": "薬剤師", "administrator": "管理者", "data manager": "データマネージャー", "monitor": "モニター",
    "physician": "医師", "auditor": "監査担当者", "CRC": "CRC",
    "eligibility confirmed": "適格性確認済み",
    "dose prescribed": "投与量処方",
    "dose verified": "投与量確認（二重確認）",
    "discontinuation decided": "中止決定", "suspension decided": "休止決定", "stop decided": "中止決定",
    "ineligibility confirmed": "不適格確認済み",
    "treatment discontinued": "治療中止",
    "treatment suspended": "治療休止",
    "suspension lifted": "休止解除",
    # statuses as stored
    "eligible": "適格", "prepared": "準備済み", "open": "未対応", "accepted": "承認", "dismissed": "却下",
    "decided": "決定済み",
    "draft": "下書き", "signed": "署名済み", "superseded": "更新済み", "unsigned": "未署名",
    "awaiting_verification": "確認待ち", "active": "有効", "verified": "確認済み", "prescribed": "処方済み",
    "planned": "予定", "in progress": "実施中", "done": "実施済み", "cancelled": "中止", "completed": "完了",
    "recorded": "記録済み", "started": "開始", "stopped": "中止", "interrupted": "中断", "enrolled": "登録",
    "screening": "スクリーニング中", "screen failed": "スクリーニング不適格", "withdrawn": "同意撤回",
    "discontinued": "中止", "suspended": "休止",
    # ---- eligibility checklist
    "APPLIES (excluded)": "該当（除外）", "Does not apply": "非該当", "MISSING": "未入力",
    "Met": "適合", "NOT MET": "不適合", " · boundary": " · 境界値",
    "ELIGIBLE (boundary: {ids})": "適格（境界値：{ids}）",
    "UNDECIDED — inputs missing": "判定保留 — 入力不足",
    "failed: {ids}": "不適合：{ids}", "missing: {ids}": "未入力：{ids}", "boundary: {ids}": "境界値：{ids}",
    "Verdict: {verdict}": "判定：{verdict}",
    "Check (does not change the verdict): {warning}": "確認事項（判定は変わりません）：{warning}",
    "Inputs": "入力値", "Field": "項目", "As entered": "入力値（入力どおり）",
    "Converted (unit the rules use)": "換算値（判定に用いる単位）",
    "Criteria": "選択基準・除外基準", "Id": "番号", "Criterion (source wording)": "基準（原文の和訳）",
    "{kind}: {text}": "{kind}：{text}",
    "Result": "結果", "Evidence": "根拠", "Inclusion": "選択基準", "Exclusion": "除外基準",
    "Open points in the protocol text": "プロトコル本文の未確定事項",
    "{label}: {value} — to be confirmed against the signed protocol. {note}":
        "{label}：{value} — 署名済みプロトコルでの確認が必要です。{note}",
    "Electronic signature manifest": "電子署名の記録",
    "BROKEN: record changed after signing": "無効：署名後に記録が変更されました",
    "Not signed electronically.": "電子署名はありません。",
    "No eligibility assessment recorded for this patient.": "この患者の適格性確認は記録されていません。",
    "DRAFT — not signed by an investigator: this checklist does not confirm eligibility.":
        "下書き — 医師の署名がありません：このチェックリストは適格性を確定するものではありません。",
    "A newer unsigned assessment exists (#{id} of {day}); this form prints the signed one.":
        "より新しい未署名の確認があります（#{id}、{day}）。この様式は署名済みのものを印刷しています。",
    "Assessment #{id} of {day}, {status} ({hash}). Result as stored when it was saved.":
        "適格性確認 #{id}（{day}）、{status}（{hash}）。保存時に記録された結果です。",
    "content SHA-256 {hash}…": "内容のSHA-256 {hash}…", "content hash unavailable": "内容のハッシュなし",
    "no date": "日付なし", "(no date)": "（日付なし）",
    # ---- dose order
    "Order status: {status}": "指示の状態：{status}",
    "NOT PRESCRIBED (calculation only)": "未処方（計算のみ）",
    "PRESCRIBED — NOT ACTIVE until verified by a second authorised user":
        "処方済み — 別の権限者による二重確認まで無効",
    "ACTIVE (verified)": "有効（二重確認済み）",
    "DRAFT — not prescribed, not an order": "下書き — 未処方、指示ではありません",
    "CANCELLED — not to be given": "取消 — 投与しないこと",
    "NO ORDER — calculation only": "指示なし — 計算のみ",
    "Height": "身長", "Weight": "体重", "BSA formula": "体表面積の計算式", "Body surface area": "体表面積",
    "{value} m² (unrounded {exact})": "{value} m²（丸め前 {exact}）",
    "Dose per m²": "m²あたりの投与量", "Prescribed daily dose": "1日処方量",
    "{value} µg/day (exact {exact})": "{value} µg/日（計算値 {exact}）",
    "{value} µg/day": "{value} µg/日",
    "BSA cap (site setting)": "体表面積の上限（施設設定）",
    "applied — {before} µg/day before, {after} µg/day after": "適用 — 適用前 {before} µg/日、適用後 {after} µg/日",
    "applied — {before} before, {after} after": "適用 — 適用前 {before}、適用後 {after}",
    "not reached": "上限未満",
    "Delivered daily dose": "1日実投与量", "Deviation": "処方量との差", "tolerance": "許容範囲",
    "OUTSIDE — pharmacist's decision required": "範囲外 — 薬剤師の判断が必要",
    "Drug, route": "薬剤、投与経路", "Frequency and time": "投与回数・時刻",
    "twice daily (split dose)": "1日2回（分割投与）", "once daily": "1日1回",
    ", time of day: {time}": "、投与時刻：{time}",
    "Syringe plan (per administration)": "シリンジの内訳（1回あたり）",
    "Syringe": "シリンジ", "Strength": "規格", "Count": "本数", "Volume": "液量", "Total per day": "1日合計",
    "Course": "投与期間", "{n} days: {dates} (the last on the apheresis day).":
        "{n}日間：{dates}（最終日はアフェレシス日）",
    "Given by (initials)": "投与者（イニシャル）", "{n} of {total}": "{n}/{total}日目",
    " — apheresis day": " — アフェレシス日",
    "Course dates: the planned apheresis date has not been entered.": "投与日程：アフェレシス予定日が未入力です。",
    "Sign-off": "署名", "Prescribed by": "処方者", "Verified by": "確認者", "— (not active)": "—（無効）",
    "Prescriber's signature: _____________________   Pharmacist's / verifier's signature: _____________________":
        "処方医署名：_____________________   薬剤師・確認者署名：_____________________",
    " (entered as {text})": "（入力値 {text}）",
    "Label cautions — ask before each dose": "添付文書の注意事項 — 投与ごとに確認",
    # the filgrastim label's cautions (rules.dosing: FILGRASTIM_CAUTIONS, SPLIT_DOSE_DEVIATION)
    "Ask about left upper quadrant or shoulder-tip pain and look for an enlarged spleen before each dose: "
    "filgrastim can cause splenomegaly and splenic rupture (an enlarged spleen is common in cirrhosis).":
        "投与のたびに左上腹部痛・肩先の痛みを確認し、脾腫の有無を確認すること：フィルグラスチムにより脾腫・脾破裂が"
        "起こることがある（肝硬変では脾腫がよくみられる）。",
    "Ask about a history of thrombosis (venous or arterial thromboembolism) before the course: "
    "G-CSF mobilisation raises the thrombotic risk.":
        "投与開始前に血栓症（静脈・動脈血栓塞栓症）の既往を確認すること：G-CSFによる動員で血栓症のリスクが高まる。",
    "Split dose (twice daily) is a DEVIATION from the protocol's once-daily dosing (\"400 μg/m2 subcutaneously "
    "once daily for 4–6 days\"); the label allows the daily dose once daily or split in two (1日1回又は2回に分割).":
        "分割投与（1日2回）はプロトコルの1日1回投与（「400 μg/m2 を1日1回4〜6日間皮下投与」）からの逸脱である。"
        "添付文書では1日量を1日1回又は2回に分割して投与できる。",
    "Caution": "注意事項", "PROTOCOL DEVIATION: {text}": "プロトコル逸脱：{text}",
    "Order #{id}": "指示 #{id}", " for cycle {n}": "（サイクル {n}）",
    ", stored status: {status} ({hash}).": "、記録上の状態：{status}（{hash}）。",
    "Cancelled: {reason}": "取消：{reason}", "Pharmacist's decision: {note}": "薬剤師の判断：{note}",
    "Other orders for this patient: {orders}": "この患者の他の指示：{orders}",
    "Order #{id} ({status}) was stored without the details this form prints; its stored content follows.":
        "指示 #{id}（{status}）はこの様式に必要な詳細なしで記録されています。記録内容を以下に示します。",
    "{who} — draft, not signed": "{who} — 下書き、未署名",
    "{name} ({role}), signed {when}": "{name}（{role}）、署名 {when}",
    " — SIGNATURE BROKEN: order changed after signing": " — 署名無効：署名後に指示が変更されました",
    "No dose order recorded for this patient, and no height and weight to calculate from.":
        "この患者の投与指示は記録されておらず、計算に用いる身長・体重もありません。",
    "No dose order recorded for this patient; the dose cannot be calculated ({problem}).":
        "この患者の投与指示は記録されていません。投与量を計算できません（{problem}）。",
    "No dose order has been recorded for this patient. The calculation below uses the newest height "
    "({height}, {height_on}) and weight ({weight}, {weight_on}) for information only: it is NOT an order. "
    "Prescribe and verify in NKDesk before any dose is given.":
        "この患者の投与指示は記録されていません。以下は最新の身長（{height}、{height_on}）と体重（{weight}、"
        "{weight_on}）による参考計算であり、指示ではありません。投与前にNKDeskで処方と二重確認を行ってください。",
    "G-CSF day {n} of {total}": "G-CSF {n}/{total}日目",
    # ---- calendar
    "No treatment cycle has been planned for this patient yet.": "この患者の治療サイクルはまだ計画されていません。",
    "Only the events planned in NKDesk are shown: the protocol's calendar needs a date NKDesk does not store for "
    "this patient (the surgery date).":
        "NKDeskで計画したイベントのみ表示しています：プロトコルのカレンダーには、NKDeskにこの患者の記録がない日付"
        "（手術日）が必要です。",
    "The protocol's calendar could not be laid out ({problem}); only stored events are shown.":
        "プロトコルのカレンダーを作成できませんでした（{problem}）。記録済みのイベントのみ表示しています。",
    "First G-CSF day {first}: window {start} – {end} (1 to 3 months after surgery) — {verdict}":
        "G-CSF初回投与日 {first}：許容期間 {start} – {end}（術後1〜3か月）— {verdict}",
    "OUTSIDE THE WINDOW": "許容期間外", "Timing: {timing}": "時期：{timing}",
    "Planned": "予定日",
    "Actual": "実施日",
    "Actual / status": "実施日・状態",
    "Done (initials)": "実施者（イニシャル）",
    "Protocol {protocol}: {n} events.": "プロトコル {protocol}：{n}件のイベント。",
    "Planned: the date NKDesk holds (or the protocol's plan). Actual: the date it happened. Day: culture day, "
    "0 = apheresis. \"protocol plan\": laid out from the protocol, not yet scheduled in NKDesk.":
        "予定日：NKDeskに記録された日付（またはプロトコル上の予定）。実施日：実際に行った日。日：培養日数"
        "（0 = アフェレシス日）。「プロトコル予定」：プロトコルから算出した予定で、NKDeskにはまだ登録されていません。",
    "No treatment events recorded.": "治療イベントは記録されていません。",
    "{n} events: {recorded} scheduled or recorded in NKDesk, {planned} from the protocol's plan.":
        "{n}件：NKDeskに登録・記録済み {recorded}件、プロトコル上の予定 {planned}件。",
    "G-CSF": "G-CSF", "Apheresis": "アフェレシス", "Medium added": "培地追加", "Medium changed": "培地交換",
    "IL-12 added": "IL-12添加", "IL-2 added": "IL-2添加", "NK-cell infusion": "NK細胞投与", "Follow-up": "経過観察",
    "IN PROGRESS": "実施中", "protocol plan": "プロトコル予定", "actual": "実施", "given": "投与済み",
    # ---- vital signs
    "Values are as entered; ! marks a critical value (alert). Temperatures keep the unit they were measured in; "
    "NEWS2 (Royal College of Physicians 2017) scores them in °C. VP: number of vasopressors running.":
        "値は入力どおりです。! は緊急値（アラート）を示します。体温は測定時の単位のまま表示し、NEWS2"
        "（Royal College of Physicians 2017）は°Cで採点します。VP：使用中の昇圧薬の数。",
    "Time point": "測定時点", "Taken": "測定時刻", "Clock time": "時刻", "BP mmHg": "血圧 mmHg",
    "Pulse /min": "脈拍 /分", "RR /min": "呼吸数 /分", "Temp": "体温", "Temp (unit)": "体温（単位）",
    "SpO₂": "SpO₂", "SpO₂ %": "SpO₂ %", "O₂": "酸素", "VP": "VP", "ACVPU": "ACVPU", "NEWS2": "NEWS2",
    "Alerts, acknowledgement": "アラート・確認", "Initials": "イニシャル", "air": "室内気",
    " — ack. {who} {time}": " — 確認 {who} {time}", " — NOT ACKNOWLEDGED": " — 未確認",
    " (reason: {reason})": "（理由：{reason}）",
    "Vital signs against time since the start of the infusion": "投与開始からの経過時間とバイタルサイン",
    "No infusion recorded for this patient: no vital signs recorded.":
        "この患者の投与は記録されていません：バイタルサインの記録はありません。",
    "No vital signs recorded for this infusion.": "この投与のバイタルサインは記録されていません。",
    "The protocol's time points, for recording by hand when the window cannot be used "
    "(enter the values in NKDesk afterwards):":
        "画面が使えないときに手書きで記録するためのプロトコル上の測定時点（後でNKDeskに入力してください）：",
    "Cycle {number} infusion, {day} ({status})": "サイクル {number} 投与、{day}（{status}）",
    "date not set": "日付未定", "Extra set {n}": "追加測定 {n}", "{n} min after start": "開始{n}分後",
    "{n} h after start": "開始{n}時間後", "Before infusion": "投与前",
    "unscheduled, {n} min after start": "予定外・開始{n}分後",
    "unscheduled, {n} min before start": "予定外・開始{n}分前",
    "unscheduled (time since the start unknown)": "予定外（開始からの時間不明）",
    "minutes since start of infusion": "投与開始からの経過時間（分）", "Temperature (°C)": "体温（°C）",
    "- - 38.0 °C alert": "- - 38.0 °C アラート",
    "Systolic (mmHg)": "収縮期血圧（mmHg）", "Diastolic (mmHg)": "拡張期血圧（mmHg）", "Pulse (/min)": "脈拍（/分）",
    "SpO₂ (%)": "SpO2（%）",   # the chart legend is set in IPAex Gothic alone, which has no subscript ₂
    # NEWS2 clinical risk (RCP 2017 chart 2: low, low-medium, medium, high)
    "low": "低", "low-medium": "低〜中", "medium": "中", "high": "高",
    "systolic": "収縮期血圧", "diastolic": "拡張期血圧", "pulse": "脈拍", "resp. rate": "呼吸数",
    "temperature": "体温", "vasopressors": "昇圧薬", "O₂ flow": "酸素流量",
    "nasal cannula": "鼻カニュラ", "blow-by": "吹き流し", "mask": "マスク", "Venturi mask": "ベンチュリーマスク",
    "non-rebreather": "リザーバーマスク", "high-flow NC": "高流量鼻カニュラ", "CPAP": "CPAP", "BiPAP": "BiPAP",
    "ventilated": "人工呼吸",
    # the oxygen devices by their full names (rules.vitals.OXYGEN_DEVICES; the window's device choice)
    "Supplemental oxygen (device not recorded)": "酸素投与（器具の記録なし）", "Nasal cannula": "鼻カニュラ",
    "Blow-by oxygen": "吹き流し酸素", "Simple face mask": "簡易酸素マスク",
    "Non-rebreather mask": "リザーバーマスク", "High-flow nasal cannula": "高流量鼻カニュラ",
    "Intubation and mechanical ventilation": "気管挿管・人工呼吸",
    # the vital-sign parameters by name (rules.vitals.LABELS: alert lines, reasons asked for)
    "Systolic BP": "収縮期血圧", "Diastolic BP": "拡張期血圧", "Pulse": "脈拍", "Respiratory rate": "呼吸数",
    "SpO2": "SpO2", "Temperature": "体温", "Oxygen flow": "酸素流量", "Vasopressors": "昇圧薬",
    "Supplemental oxygen": "酸素投与", "Consciousness (ACVPU)": "意識レベル（ACVPU）",
    # NEWS2 (RCP 2017) chart 3 triggers and chart 4 responses (rules.news2), as the grid shows them
    "Ward-based response": "病棟での対応", "Urgent ward-based response": "病棟での緊急対応",
    "Key threshold for urgent response": "緊急対応の基準値", "Urgent or emergency response": "緊急・救急対応",
    "Minimum 12 hourly": "12時間ごと以上", "Minimum 4–6 hourly": "4〜6時間ごと以上",
    "Minimum 1 hourly": "1時間ごと以上",
    "Continuous monitoring of vital signs": "バイタルサインの持続モニタリング",
    "Continue routine NEWS monitoring": "通常の NEWS モニタリングを継続",
    "Inform registered nurse, who must assess the patient": "看護師に報告し、看護師が患者を評価する",
    "Registered nurse decides whether increased frequency of monitoring and/or escalation of care is required":
        "観察頻度の増加や対応の段階引き上げが必要かを看護師が判断する",
    "Registered nurse to inform medical team caring for the patient, who will review and decide whether "
    "escalation of care is necessary":
        "看護師が担当医療チームに報告し、チームが診察して対応の段階引き上げの要否を判断する",
    "Registered nurse to immediately inform the medical team caring for the patient":
        "看護師が直ちに担当医療チームに報告する",
    "Registered nurse to request urgent assessment by a clinician or team with core competencies in the care "
    "of acutely ill patients": "急性期患者の診療能力をもつ医師またはチームによる緊急評価を看護師が依頼する",
    "Provide clinical care in an environment with monitoring facilities": "モニタリング設備のある環境で診療を行う",
    "Registered nurse to immediately inform the medical team caring for the patient – this should be at least "
    "at specialist registrar level": "看護師が直ちに担当医療チーム（少なくとも専門医レベル）に報告する",
    "Emergency assessment by a team with critical care competencies, including practitioner(s) with advanced "
    "airway management skills": "高度な気道管理技術をもつ者を含む集中治療チームによる緊急評価",
    "Consider transfer of care to a level 2 or 3 clinical care facility, ie higher-dependency unit or ICU":
        "レベル2・3の診療環境（HCU・ICU）への転床を検討する",
    "Clinical care in an environment with monitoring facilities": "モニタリング設備のある環境での診療",
    # the dose order's exact values line (forms.dose_figures.exact_values)
    "Exact values (as stored and computed with): {values}": "正確な値（保存値・計算に用いた値）：{values}",
    "height": "身長", "weight": "体重", "BSA": "体表面積", "daily dose": "1日投与量",
    # ---- adverse events
    "ongoing": "継続中", "{term} (free term)": "{term}（自由記載）",
    "REPORT PROMPTLY{due} — not recorded as made": "疾病等報告{due} — 報告の記録なし",
    " (due {due}, {days} days)": "（期限 {due}、{days}日以内）",
    "reported {when}": "報告済み {when}", " by {who}": "（{who}）", " by {who}.": "（{who}）。",
    "Grades: CTCAE v{version} (grade now / worst over the course). Day: days from the infusion (the infusion day "
    "is day 0). Relationship to the cell product: unrelated, unlikely, possible, probable, definite (NCI CTEP). "
    "Serious: ICH E2A criteria.":
        "グレード：CTCAE v{version}（現在 / 経過中の最悪）。日：投与日からの日数（投与日 = 0日）。"
        "細胞製品との因果関係：関連なし、関連は低い、関連あるかもしれない、おそらく関連あり、明らかに関連あり"
        "（NCI CTEP）。重篤：ICH E2Aの基準。",
    "#": "#", "Grade": "グレード", "Worst": "最悪", "Onset": "発現", "Resolution": "消失", "Duration": "持続期間",
    "Serious (criteria)": "重篤（該当基準）", "Relationship": "因果関係", "Action taken": "処置", "Outcome": "転帰",
    "Yes: {criteria}": "はい：{criteria}",
    "{n} adverse event(s); {serious} serious; {prompt} need a prompt report, {due} not recorded as made. "
    "Each serious event's report follows.":
        "有害事象 {n}件、うち重篤 {serious}件。疾病等報告が必要 {prompt}件、うち報告の記録なし {due}件。"
        "重篤な有害事象ごとの報告書が続きます。",
    "No adverse events recorded for this patient.": "この患者の有害事象は記録されていません。",
    " — AE #{number}": " — 有害事象 #{number}", "Report form version {version}": "報告書様式 版 {version}",
    "Prompt report ({law})": "疾病等報告（{law}）",
    "the MHLW": "厚生労働大臣",
    "the certified committee for regenerative medicine": "認定再生医療等委員会",
    "the Ministry of Health, Labour and Welfare (MHLW)": "厚生労働大臣",
    " (protocol parameter, to be confirmed)": "（プロトコル設定値、要確認）",
    " and ": "および",
    "Report recorded in NKDesk as made on {when}": "報告はNKDeskに {when} 実施済みとして記録されています",
    " (reporter not recorded).": "（報告者の記録なし）。", "NOT RECORDED AS MADE.": "報告の記録なし。",
    "day 0 {day} (the investigator learned of the event)": "起算日 {day}（試験責任・分担医師が事象を知った日）",
    "day 0 not recorded: counted from the onset {day}": "起算日の記録なし：発現日 {day} から起算",
    "REQUIRED: report promptly to {recipients} within {days} days — {wording}; {day0}; due {due}. ":
        "要報告：{recipients}に{days}日以内に報告 — {wording}。{day0}。期限 {due}。",
    "the investigator excluded a relation to the therapy": "試験責任・分担医師が治療との関連を否定した",
    "the AE is not serious": "重篤な有害事象ではない",
    "NOT REQUIRED under {law}: {why}. A serious AE may still have reports recorded (date sent, to whom) under "
    "the site's procedure.":
        "{law}に基づく報告は不要：{why}。重篤な有害事象は施設の手順に従って報告（送付日、送付先）を記録できます。",
    "Reported to": "報告先", "Date sent": "送付日", "By (name)": "報告者（氏名）",
    "Certified committee for regenerative medicine": "認定再生医療等委員会", "MHLW": "厚生労働大臣",
    "The event": "事象", "Grade (at this report) / worst grade": "グレード（本報告時）/ 最悪グレード",
    "CTCAE grade {grade}": "CTCAE グレード{grade}",
    "Cycle; days since infusion (day 0)": "サイクル；投与日からの日数（投与日 = 0日）",
    "Relationship to the cell product": "細胞製品との因果関係", "How it was logged": "記録の経緯",
    "Seriousness (ICH E2A): criteria met": "重篤性（ICH E2A）：該当する基準",
    "Criterion": "基準", "Art. 35 clock": "第35条の報告期限", "{days} days": "{days}日",
    "Narrative": "経過", "Comment recorded in NKDesk: {comment}": "NKDeskに記録されたコメント：{comment}",
    "Results in death": "死に至るもの", "Is life-threatening": "生命を脅かすもの",
    "Requires inpatient hospitalisation or prolongation of existing hospitalisation":
        "治療のための入院又は入院期間の延長が必要となるもの",
    "Results in persistent or significant disability/incapacity": "永続的又は顕著な障害・機能不全に陥るもの",
    "Is a congenital anomaly/birth defect": "先天異常を来すもの",
    "Is another important medical event": "その他の医学的に重要な状態",
    "death": "死亡", "life-threatening": "生命を脅かす", "hospitalisation": "入院・入院延長", "disability": "障害",
    "congenital anomaly": "先天異常", "other important event": "その他の重要な事象",
    "Unrelated": "関連なし", "Unlikely": "関連は低い", "Possible": "関連あるかもしれない",
    "Probable": "おそらく関連あり", "Definite": "明らかに関連あり",
    "None": "なし",
    "Infusion interrupted": "投与中断",
    "Infusion stopped": "投与中止",
    "Treatment suspended": "治療休止",
    "Treatment discontinued": "治療中止", "Not applicable": "該当なし", "Unknown": "不明",
    "Recovered/resolved": "回復", "Recovering/resolving": "軽快", "Not recovered/not resolved": "未回復",
    "Recovered with sequelae": "後遺症あり", "Fatal": "死亡", "Recovered": "回復", "Recovering": "軽快",
    "Not recovered": "未回復",
    "entered by hand": "手入力",
    "proposed from a lab result": "検査値からの提案",
    "proposed from temperatures": "体温からの提案",
    "proposed as CRS": "CRSとして提案",
    "Protocol (narrower than the law, which NKDesk applies): \"serious complications related to prolonged "
    "hospitalisation or death\" are reported promptly (BMJ Open 2022;12:e064526).":
        "プロトコル（NKDeskが適用する法令より狭い規定）：「入院期間の延長又は死亡に関連する重篤な合併症」は"
        "速やかに報告する（BMJ Open 2022;12:e064526）。",
    # ---- summary
    "Status: {status}": "状態：{status}", "{kind} on {day} — {reason}": "{day}に{kind} — {reason}",
    "Treatment {kind} on {day}: {reason}": "{day}に治療{kind}：{reason}", "Signed: {line}": "署名：{line}",
    "discontinuation": "中止", "suspension": "休止",
    "infection test positive": "感染症検査陽性",
    "treatment impossible": "治療継続不能",
    "consent withdrawn": "同意撤回",
    "adverse event": "有害事象", "other reason": "その他の理由",
    "not eligible": "不適格", "eligible, awaiting dose": "適格・投与待ち", "on treatment": "治療中",
    "mid-infusion": "投与中",
    "Enrolment": "登録", "Enrolment status": "登録状況", "Screening started": "スクリーニング開始日",
    "First treatment event": "最初の治療イベント",
    "Latest treatment event": "最新の治療イベント",
    "not enrolled": "未登録",
    "Assessment": "適格性確認", "#{id} of {day} ({status})": "#{id}（{day}、{status}）",
    "Failed criteria": "不適合の基準", "Missing inputs": "未入力の項目", "Boundary cases": "境界値の項目",
    " — SIGNATURE BROKEN: record changed after signing": " — 署名無効：署名後に記録が変更されました",
    "No eligibility assessment recorded.": "適格性確認は記録されていません。",
    "Cycles": "サイクル", "No treatment cycle planned.": "治療サイクルの予定はありません。",
    "Apheresis planned": "アフェレシス予定日", "Apheresis actual": "アフェレシス実施日",
    "Infusion planned": "投与予定日", "Infusion actual": "投与実施日", "Infusion status": "投与の状態",
    "not planned": "予定なし",
    "Filgrastim dose orders": "フィルグラスチム投与指示", "No dose order recorded.": "投与指示は記録されていません。",
    "Order": "指示", "Daily dose": "1日投与量", "Delivered": "実投与量", "Signed": "署名",
    "Adverse events: worst grade per term (CTCAE v5.0)": "有害事象：事象ごとの最悪グレード（CTCAE v5.0）",
    "No adverse events recorded.": "有害事象は記録されていません。", "Events": "件数", "Worst grade": "最悪グレード",
    "Serious": "重篤", "Latest outcome": "最新の転帰", "not graded": "グレードなし", "{n} serious": "重篤 {n}件",
    # issue 14: the caution ticks stored with the order
    "At prescribing": "処方時", "acknowledged": "確認済み", "NOT acknowledged": "未確認",
    "Cautions acknowledged at prescribing by {who}, {when} (UTC).": "処方時の注意事項確認：{who}、{when}（UTC）",
}
