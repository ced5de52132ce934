<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
    <context>
        <name />
        <message>
            <source>this is needed.</source>
            <translation>入力が必要です。</translation>
        </message>
        <message>
            <source>{0}is not a date. Type the year first: 1958-03-07 or 1958/3/7.</source>
            <translation>{0}は日付ではありません。年から入力してください：1958-03-07 または 1958/3/7。</translation>
        </message>
        <message>
            <source>“{0}” is not a day of the calendar: check the month and the day.</source>
            <translation>「{0}」は存在しない日付です：月と日を確認してください。</translation>
        </message>
        <message>
            <source>the year must be between 1900 and 2100 — a typing slip?</source>
            <translation>年は 1900〜2100 の範囲で入力してください — 入力ミスですか？</translation>
        </message>
        <message>
            <source>type 1 to 4 letters (A–Z), e.g. TY.</source>
            <translation>英字 1〜4 文字（A–Z）で入力してください（例：TY）。</translation>
        </message>
        <message>
            <source>choose one of the options offered ({0}).</source>
            <translation>選択肢から選んでください（{0}）。</translation>
        </message>
        <message>
            <source>“{0}” needs its unit: choose or type one, e.g. g/dL.</source>
            <translation>「{0}」には単位が必要です：選択または入力してください（例：g/dL）。</translation>
        </message>
        <message>
            <source>the unit is missing.</source>
            <translation>単位がありません。</translation>
        </message>
        <message>
            <source> Did you mean {0}?</source>
            <translation> {0} のことですか？</translation>
        </message>
        <message>
            <source> A typing slip?</source>
            <translation> 入力ミスですか？</translation>
        </message>
        <message>
            <source>this value is outside what is possible ({0:g}–{1:g} {2}).</source>
            <translation>ありえない値です（{0:g}–{1:g} {2}）。</translation>
        </message>
        <message>
            <source>use a decimal point: {0}?</source>
            <translation>小数点はピリオドで入力してください：{0}？</translation>
        </message>
        <message>
            <source>{0} is later than now ({1}): type the time it really was.</source>
            <translation>{0} は現在（{1}）より後です。実際の時刻を入力してください。</translation>
        </message>
        <message>
            <source>below 1.5 mmol/L (6.0 mg/dL): was it ionised calcium? Say which before saving.</source>
            <translation>1.5 mmol/L（6.0 mg/dL）未満です：イオン化カルシウムですか？ 保存前にどちらか指定してください。</translation>
        </message>
        <message>
            <source>“{text}”: two numbers. Type one number and its unit.</source>
            <translation>「{text}」：数値が2つあります。数値を1つ、単位とともに入力してください。</translation>
        </message>
        <message>
            <source>“{text}”: two units. Type one unit.</source>
            <translation>「{text}」：単位が2つあります。単位は1つにしてください。</translation>
        </message>
        <message>
            <source>“{text}”: the unit is written twice.</source>
            <translation>「{text}」：単位が2回入力されています。</translation>
        </message>
        <message>
            <source>“{text}”: no calculations. Type the result with its unit.</source>
            <translation>「{text}」：計算式は入力できません。計算した結果を単位とともに入力してください。</translation>
        </message>
        <message>
            <source>“{text}”: type the unit in half-width letters.</source>
            <translation>「{text}」：単位は半角英字で入力してください。</translation>
        </message>
        <message>
            <source>“{text}”: type a decimal number.</source>
            <translation>「{text}」：10進数で入力してください。</translation>
        </message>
        <message>
            <source>“{text}”: no underscores in numbers.</source>
            <translation>「{text}」：数値に「_」は使えません。</translation>
        </message>
        <message>
            <source>“{text}”: a sign goes before the number.</source>
            <translation>「{text}」：符号（+/−）は数値の前に付けてください。</translation>
        </message>
        <message>
            <source>“{text}”: two signs. Type one number.</source>
            <translation>「{text}」：符号が2つあります。数値を1つ入力してください。</translation>
        </message>
        <message>
            <source>“{text}”: more than one decimal point.</source>
            <translation>「{text}」：小数点が2つ以上あります。</translation>
        </message>
        <message>
            <source>“{text}”: commas only between groups of three digits; use a decimal point for decimals.</source>
            <translation>「{text}」：カンマは3桁区切りにのみ使えます。小数には小数点（.）を使ってください。</translation>
        </message>
        <message>
            <source>“{text}” is too large: a typing slip?</source>
            <translation>「{text}」は大きすぎます。入力ミスではありませんか？</translation>
        </message>
        <message>
            <source>“{text}” has too many digits: a typing slip?</source>
            <translation>「{text}」は桁数が多すぎます。入力ミスではありませんか？</translation>
        </message>
        <message>
            <source>“{text}”: no exponents. Type the number, or a count unit such as 10^9/L.</source>
            <translation>「{text}」：指数表記は使えません。数値か、10^9/L のような単位で入力してください。</translation>
        </message>
        <message>
            <source>“{text}”: not a count scale labs use (10^3, 10^4, 10^9 … before /µL or /L).</source>
            <translation>「{text}」：検査で使う桁の単位ではありません（/µL・/L の前に 10^3、10^4、10^9 など）。</translation>
        </message>
        <message>
            <source>“{text}” does not start with a number.</source>
            <translation>「{text}」：数値で始まっていません。</translation>
        </message>
        <message>
            <source>“{unit}” is not a unit NKDesk knows.</source>
            <translation>「{unit}」は使用できない単位です。</translation>
        </message>
        <message>
            <source>“{unit}” is not a unit for this value.</source>
            <translation>「{unit}」はこの項目の単位ではありません。</translation>
        </message>
        <message>
            <source>type a whole number.</source>
            <translation>整数で入力してください。</translation>
        </message>
        <message>
            <source> The last good backup is {0}.</source>
            <translation>最後の正常なバックアップは {0} です。</translation>
        </message>
        <message>
            <source> with vasopressin</source>
            <translation>（バソプレシン併用）</translation>
        </message>
        <message>
            <source>fever {0} °C (≥ {1} °C)</source>
            <translation>発熱 {0} ℃（{1} ℃以上）</translation>
        </message>
        <message>
            <source>fever not required: antipyretic or anticytokine therapy has begun</source>
            <translation>解熱薬または抗サイトカイン療法の開始後のため、発熱は不要</translation>
        </message>
        <message>
            <source>hypotension requiring {0} vasopressors{1} (vasopressin not counted)</source>
            <translation>昇圧薬 {0} 剤を要する低血圧{1}（バソプレシンは数えない）</translation>
        </message>
        <message>
            <source>hypotension requiring a vasopressor{0}</source>
            <translation>昇圧薬 1 剤を要する低血圧{0}</translation>
        </message>
        <message>
            <source>hypotension requiring vasopressin alone</source>
            <translation>バソプレシン単独を要する低血圧</translation>
        </message>
        <message>
            <source>hypotension not requiring vasopressors</source>
            <translation>昇圧薬を要しない低血圧</translation>
        </message>
        <message>
            <source>hypoxia requiring {0}</source>
            <translation>{0}を要する低酸素症</translation>
        </message>
        <message>
            <source>hypoxia requiring {0} at {1} L/min</source>
            <translation>{0}（{1} L/分）を要する低酸素症</translation>
        </message>
        <message>
            <source>no fever ≥ 38 °C: not CRS by ASTCT criteria</source>
            <translation>38 ℃以上の発熱なし：ASTCT 基準では CRS に該当しません</translation>
        </message>
        <message>
            <source>ASTCT counts fever, hypotension and hypoxia only when not attributable to any other cause: an investigator confirms the grade</source>
            <translation>ASTCT では、他の原因によらない発熱・低血圧・低酸素症のみを数えます。グレードは試験責任・分担医師が確定します</translation>
        </message>
        <message>
            <source>NKDesk's reading: ASTCT (Lee 2019) grades hypotension needing "a vasopressor with or without vasopressin" as 3 and excludes vasopressin only when counting multiple vasopressors for grade 4; it is silent on vasopressin alone, which NKDesk counts as a vasopressor (grade 3) — the investigator confirms</source>
            <translation>NKDesk の解釈：ASTCT（Lee 2019）は「バソプレシンの有無を問わず昇圧薬 1 剤」を要する低血圧をグレード 3 とし、グレード 4 の「複数の昇圧薬」を数えるときのみバソプレシンを除きます。バソプレシン単独については記載がなく、NKDesk は昇圧薬 1 剤（グレード 3）として扱います — 試験責任・分担医師が確認してください</translation>
        </message>
        <message>
            <source>; </source>
            <translation>；</translation>
        </message>
        <message>
            <source>CRS proposal (ASTCT 2019) not possible: {0}</source>
            <translation>CRS の提案（ASTCT 2019）はできません：{0}</translation>
        </message>
        <message>
            <source>CRS (ASTCT 2019): no grade proposed — {0}.</source>
            <translation>CRS（ASTCT 2019）：グレードの提案なし — {0}。</translation>
        </message>
        <message>
            <source>CRS proposal (ASTCT 2019): grade {0} — {1}. {2}.</source>
            <translation>CRS の提案（ASTCT 2019）：グレード {0} — {1}。{2}。</translation>
        </message>
        <message>
            <source>due in 1 day</source>
            <translation>報告期限まであと1日</translation>
        </message>
        <message>
            <source>due in {0} days</source>
            <translation>報告期限まであと{0}日</translation>
        </message>
        <message>
            <source>due today</source>
            <translation>報告期限は本日</translation>
        </message>
        <message>
            <source>overdue by 1 day</source>
            <translation>期限超過（1日）</translation>
        </message>
        <message>
            <source>overdue by {0} days</source>
            <translation>期限超過（{0}日）</translation>
        </message>
        <message>
            <source>{0}-day report: {1}</source>
            <translation>{0}日報告・{1}</translation>
        </message>
        <message>
            <source>the certified committee for regenerative medicine</source>
            <translation>認定再生医療等委員会</translation>
        </message>
        <message>
            <source>the Ministry of Health, Labour and Welfare (MHLW)</source>
            <translation>厚生労働大臣</translation>
        </message>
        <message>
            <source> and </source>
            <translation>、</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>はい</translation>
        </message>
        <message>
            <source>no</source>
            <translation>いいえ</translation>
        </message>
        <message>
            <source>{0}: missing</source>
            <translation>{0}：未入力</translation>
        </message>
        <message>
            <source>{0}: {1}</source>
            <translation>{0}：{1}</translation>
        </message>
        <message>
            <source>{0} {1}</source>
            <translation>{0} {1}</translation>
        </message>
        <message>
            <source> or </source>
            <translation>または</translation>
        </message>
        <message>
            <source>{0} (needs {1})</source>
            <translation>{0}（{1}が必要）</translation>
        </message>
        <message>
            <source>age: missing {0}</source>
            <translation>年齢：{0}が未入力</translation>
        </message>
        <message>
            <source>age {0} y on {1}</source>
            <translation>{1} 時点で {0} 歳</translation>
        </message>
        <message>
            <source> (needs {0}–{1} y)</source>
            <translation>（{0}～{1} 歳が必要）</translation>
        </message>
        <message>
            <source>{0} {1} {2} {3}</source>
            <translation>{0} {1} {2} {3}</translation>
        </message>
        <message>
            <source>on the cut-off: meets {0} {1} as the criteria section states (operative)</source>
            <translation>基準値ちょうど：選択基準の節の「{0} {1}」を満たす（採用）</translation>
        </message>
        <message>
            <source>on the cut-off: does not meet {0} {1} as the criteria section states (operative)</source>
            <translation>基準値ちょうど：選択基準の節の「{0} {1}」を満たさない（採用）</translation>
        </message>
        <message>
            <source>would meet {0} {1} as the source also states</source>
            <translation>原文の別の記載「{0} {1}」なら満たす</translation>
        </message>
        <message>
            <source>would not meet {0} {1} as the source also states</source>
            <translation>原文の別の記載「{0} {1}」なら満たさない</translation>
        </message>
        <message>
            <source>: {0}, {1}</source>
            <translation>：{0}、{1}</translation>
        </message>
        <message>
            <source> (threshold to be confirmed)</source>
            <translation>（基準値は要確認）</translation>
        </message>
        <message>
            <source>not applicable ({0} {1})</source>
            <translation>該当なし（{0}：{1}）</translation>
        </message>
        <message>
            <source>{0} of {1} (needs ≥ {2})</source>
            <translation>{1} 項目中 {0} 項目（{2} 項目以上が必要）</translation>
        </message>
        <message>
            <source>{0} {1}: the {2} is needed to decide</source>
            <translation>{0} {1}：判定には{2}が必要</translation>
        </message>
        <message>
            <source>{0} {1}: within {2} calendar months before {3} (from {4})</source>
            <translation>{0} {1}：{3} の前 {2} か月以内（{4} 以降）</translation>
        </message>
        <message>
            <source>{0} {1}: more than {2} calendar months before {3} (from {4})</source>
            <translation>{0} {1}：{3} の {2} か月より前（{4} より前）</translation>
        </message>
        <message>
            <source>{0} {1}, {2} {3}: {4} days ({5} {6} days)</source>
            <translation>{0} {1}、{2} {3}：{4} 日（{5} {6} 日）</translation>
        </message>
        <message>
            <source>{0} {1}, {2} {3}: {4} days (not {5} {6} days)</source>
            <translation>{0} {1}、{2} {3}：{4} 日（{5} {6} 日ではない）</translation>
        </message>
        <message>
            <source>{0}: {1}: {2}</source>
            <translation>{0}：{1}：{2}</translation>
        </message>
        <message>
            <source>corrected Ca = Ca + 1.0 × (4.0 − Alb g/dL), only when Alb &lt; 4.0 g/dL (Japanese labelling)</source>
            <translation>補正 Ca = Ca + 1.0 ×（4.0 − Alb g/dL）、Alb &lt; 4.0 g/dL のときのみ（日本の添付文書の方式）</translation>
        </message>
        <message>
            <source>corrected Ca = Ca + 0.8 × (4.0 − Alb g/dL), only when Alb &lt; 4.0 g/dL (Payne 1973)</source>
            <translation>補正 Ca = Ca + 0.8 ×（4.0 − Alb g/dL）、Alb &lt; 4.0 g/dL のときのみ（Payne 1973）</translation>
        </message>
        <message>
            <source>albumin {0} g/dL ≥ 4.0 g/dL: not corrected (a correction downwards would invent hypocalcaemia)</source>
            <translation>アルブミン {0} g/dL ≥ 4.0 g/dL：補正しない（下方への補正は低カルシウム血症を作り出すため）</translation>
        </message>
        <message>
            <source>no albumin given: the value is taken as already corrected</source>
            <translation>アルブミンの入力なし：補正済みの値として扱う</translation>
        </message>
        <message>
            <source>ionised calcium {0} (CTCAE ionised column; not corrected for albumin)</source>
            <translation>イオン化カルシウム {0}（CTCAE のイオン化カルシウムの基準、アルブミン補正なし）</translation>
        </message>
        <message>
            <source>calcium {0}, not corrected ({1})</source>
            <translation>カルシウム {0}、補正なし（{1}）</translation>
        </message>
        <message>
            <source>calcium {0} measured, {1} corrected for albumin {2} g/dL ({3})</source>
            <translation>カルシウム 実測 {0}、アルブミン {2} g/dL で補正して {1}（{3}）</translation>
        </message>
        <message>
            <source> (sex-specific; sex unknown)</source>
            <translation>（性別ごとの基準値：性別不明）</translation>
        </message>
        <message>
            <source>JCCLS common reference intervals (Japan)</source>
            <translation>JCCLS 共用基準範囲</translation>
        </message>
        <message>
            <source>site</source>
            <translation>施設基準値</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>未設定</translation>
        </message>
        <message>
            <source>respiration rate</source>
            <translation>呼吸数</translation>
        </message>
        <message>
            <source>SpO2</source>
            <translation>SpO2</translation>
        </message>
        <message>
            <source>systolic pressure</source>
            <translation>収縮期血圧</translation>
        </message>
        <message>
            <source>pulse</source>
            <translation>脈拍</translation>
        </message>
        <message>
            <source>temperature</source>
            <translation>体温</translation>
        </message>
        <message>
            <source>supplemental oxygen</source>
            <translation>酸素投与</translation>
        </message>
        <message>
            <source>outside the infusion's alert limits {0}–{1}: critical alert</source>
            <translation>投与中のアラート範囲 {0}–{1} の外：重大アラート</translation>
        </message>
        <message>
            <source>outside normal {0}–{1}: needs a reason</source>
            <translation>基準範囲 {0}–{1} の外：理由の入力が必要</translation>
        </message>
        <message>
            <source>NEWS2 (RCP 2017) scores new confusion, V, P or U as 3: critical alert</source>
            <translation>NEWS2（RCP 2017）では新たな混乱・V・P・U は 3 点：重大アラート</translation>
        </message>
        <message>
            <source>NEWS2 (RCP 2017) scores {0} as {1}: critical alert</source>
            <translation>NEWS2（RCP 2017）で{0}は {1} 点：重大アラート</translation>
        </message>
        <message>
            <source>NEWS2 (RCP 2017) scores {0} as {1}: outside normal, needs a reason</source>
            <translation>NEWS2（RCP 2017）で{0}は {1} 点：基準範囲外、理由の入力が必要</translation>
        </message>
        <message>
            <source>at an unknown time</source>
            <translation>時刻不明</translation>
        </message>
        <message>
            <source>{0} min before the start</source>
            <translation>開始{0}分前</translation>
        </message>
        <message>
            <source>{0} min after the start</source>
            <translation>開始{0}分後</translation>
        </message>
        <message>
            <source>an extra set</source>
            <translation>追加測定</translation>
        </message>
        <message>
            <source>This set was measured {0}: it is stored as “{1}”, not as “{2}”.</source>
            <translation>この測定は{0}に行われたため、「{2}」ではなく「{1}」として記録されます。</translation>
        </message>
        <message>
            <source>Someone else saved this record after you opened it ({changed_by}, {changed_at}): your change was not saved. Open the record again and enter your change once more.</source>
            <translation>この記録は、開いた後に別の人が保存しました（{changed_by}、{changed_at}）。入力した変更は保存されていません。記録を開き直して、もう一度入力してください。</translation>
        </message>
        <message>
            <source>This record was changed by {changed_by} at {changed_at} after it was shown to you: nothing was signed. Look at it as it is now, then sign again.</source>
            <translation>この記録は、表示した後に {changed_by} が {changed_at} に変更しました。署名はされていません。現在の内容を確認してから、もう一度署名してください。</translation>
        </message>
        <message>
            <source>This record no longer exists (deleted, or another patient's): open the patient again.</source>
            <translation>この記録はもうありません（削除されたか、別の患者の記録です）。患者を開き直してください。</translation>
        </message>
        <message>
            <source>This record is signed: a change needs a reason and a new signature.</source>
            <translation>この記録は署名済みです。変更には理由と新たな署名が必要です。</translation>
        </message>
        <message>
            <source>This change is not allowed here: nothing was saved.</source>
            <translation>この変更はここではできません。何も保存されていません。</translation>
        </message>
        <message>
            <source>NKDesk could not read or write the database: nothing was saved. Check the disk, then try again.</source>
            <translation>データベースの読み書きができませんでした。何も保存されていません。ディスクを確認して、もう一度行ってください。</translation>
        </message>
        <message>
            <source>This save does not come from a signed-in user: sign in again (nothing was saved).</source>
            <translation>サインインした利用者からの保存ではありません。サインインし直してください（何も保存されていません）。</translation>
        </message>
        <message>
            <source>{username} ({role}) may not {action}: only {allowed} may</source>
            <translation>{username}（{role}）は「{action}」を行えません。行えるのは{allowed}です</translation>
        </message>
        <message>
            <source>{username} ({role}) may not {action}: no role may</source>
            <translation>{username}（{role}）は「{action}」を行えません。どの役割でも行えません</translation>
        </message>
        <message>
            <source>You may not {action}: only {allowed} may</source>
            <translation>「{action}」は行えません。行えるのは{allowed}です</translation>
        </message>
        <message>
            <source>This order cannot be verified by its prescriber: a second person checks it.</source>
            <translation>処方者は自分の指示を鑑査できません。別の者が鑑査します。</translation>
        </message>
        <message>
            <source>This syringe plan is outside the dose tolerance: a pharmacist decides on it.</source>
            <translation>このシリンジ構成は投与量の許容範囲外です。薬剤師が判断します。</translation>
        </message>
        <message>
            <source>This database has users already: an administrator adds new ones.</source>
            <translation>このデータベースには利用者が登録済みです。新しい利用者は管理者が追加します。</translation>
        </message>
        <message>
            <source>Only an administrator may restore a backup.</source>
            <translation>バックアップの復元は管理者のみが行えます。</translation>
        </message>
        <message>
            <source>The database is not damaged: sign in as an administrator to restore a backup.</source>
            <translation>データベースは破損していません。バックアップを復元するには管理者としてサインインしてください。</translation>
        </message>
        <message>
            <source>This backup is of another database: choose a backup of this one.</source>
            <translation>これは別のデータベースのバックアップです。このデータベースのバックアップを選んでください。</translation>
        </message>
        <message>
            <source>Unknown user or wrong password.</source>
            <translation>利用者名またはパスワードが違います。</translation>
        </message>
        <message>
            <source>This account is locked after repeated wrong passwords, until {until}. Try again then, or ask an administrator.</source>
            <translation>パスワードを続けて誤ったため、このアカウントは {until} までロックされています。その後に再度行うか、管理者に連絡してください。</translation>
        </message>
        <message>
            <source>This account is disabled: ask an administrator.</source>
            <translation>このアカウントは無効です。管理者に連絡してください。</translation>
        </message>
        <message>
            <source>This patient already has a dose order ({status}; {changed_by}, {changed_at}): to prescribe a new one, re-prescribe it with a reason.</source>
            <translation>この患者には既に投与指示があります（{status}；{changed_by}、{changed_at}）。新たに処方するには、理由を記載して再処方してください。</translation>
        </message>
        <message>
            <source>The order you wanted to replace is {status} now ({changed_by}, {changed_at}): there is nothing to replace. Look at the order as it is now.</source>
            <translation>置き換えようとした指示は現在「{status}」です（{changed_by}、{changed_at}）。置き換える指示はありません。現在の指示を確認してください。</translation>
        </message>
        <message>
            <source>This order is {status} now ({changed_by}, {changed_at}): it is not waiting for verification. Look at the order as it is now.</source>
            <translation>この指示は現在「{status}」です（{changed_by}、{changed_at}）。鑑査待ちではありません。現在の指示を確認してください。</translation>
        </message>
        <message>
            <source>This order no longer matches its prescriber's signature: it cannot be verified. Ask the prescriber to prescribe it again.</source>
            <translation>この指示は処方者の署名と一致しなくなりました。鑑査できません。処方者に再処方を依頼してください。</translation>
        </message>
        <message>
            <source>This order is cancelled already.</source>
            <translation>この指示は既に取り消されています。</translation>
        </message>
        <message>
            <source>Protocol treatment was {kind} on {decided_on}: this cannot be done after that.</source>
            <translation>プロトコル治療は {decided_on} に{kind}となりました。それ以降はこの操作はできません。</translation>
        </message>
        <message>
            <source>The cell product's release tests do not allow this infusion ({blocks}): it cannot start or be recorded as given.</source>
            <translation>細胞製剤の出荷判定試験により、この投与はできません（{blocks}）。開始も投与済みの記録もできません。</translation>
        </message>
        <message>
            <source>This assessment is signed already: re-open it with a reason to change it.</source>
            <translation>この評価は署名済みです。変更するには理由を記載して再開してください。</translation>
        </message>
        <message>
            <source>This assessment is not signed yet: edit it, there is nothing to re-open.</source>
            <translation>この評価はまだ署名されていません。再開せずにそのまま編集してください。</translation>
        </message>
        <message>
            <source>This assessment was re-opened already by {changed_by} at {changed_at}: continue in that draft.</source>
            <translation>この評価は {changed_by} が {changed_at} に既に再開しています。その下書きで続けてください。</translation>
        </message>
        <message>
            <source>The verdict is undecided (results are missing): it cannot be signed yet.</source>
            <translation>判定が未確定です（未入力の項目があります）。まだ署名できません。</translation>
        </message>
        <message>
            <source>The calendar is stored already: move or mark its events instead.</source>
            <translation>カレンダーは登録済みです。予定の日付変更または実施済みの記録を行ってください。</translation>
        </message>
        <message>
            <source>This event is {status}: only a planned event can be moved.</source>
            <translation>この予定は「{status}」です。日付を変更できるのは未実施の予定のみです。</translation>
        </message>
        <message>
            <source>Protocol treatment is already {kind} (decided on {decided_on}).</source>
            <translation>プロトコル治療は既に{kind}となっています（{decided_on} 決定）。</translation>
        </message>
        <message>
            <source>Only a suspension can be lifted: a discontinuation is final.</source>
            <translation>解除できるのは休止のみです。中止は解除できません。</translation>
        </message>
        <message>
            <source>This suspension was lifted already.</source>
            <translation>この休止は既に解除されています。</translation>
        </message>
        <message>
            <source>Protocol treatment was discontinued on {decided_on}: a suspension before it cannot be lifted.</source>
            <translation>プロトコル治療は {decided_on} に中止となりました。それ以前の休止は解除できません。</translation>
        </message>
        <message>
            <source>A stop proposal for this reason ({reason_code}) is open already.</source>
            <translation>この理由（{reason_code}）による中止の提案は既に未決のまま出されています。</translation>
        </message>
        <message>
            <source>This stop proposal is {status} already.</source>
            <translation>この中止の提案は既に「{status}」です。</translation>
        </message>
        <message>
            <source>This infusion is {status} already: it cannot start again.</source>
            <translation>この投与は既に「{status}」です。もう一度開始することはできません。</translation>
        </message>
        <message>
            <source>This infusion is {status}, not in progress: it cannot be ended.</source>
            <translation>この投与は「{status}」で、実施中ではありません。終了を記録できません。</translation>
        </message>
        <message>
            <source>The {time_point} set is recorded already: correct it instead.</source>
            <translation>{time_point}の測定は記録済みです。修正として入力してください。</translation>
        </message>
        <message>
            <source>This set has no open alert (acknowledged: {acknowledged_by}).</source>
            <translation>この測定に未確認のアラートはありません（確認済み：{acknowledged_by}）。</translation>
        </message>
        <message>
            <source>This proposal is {status} already.</source>
            <translation>この提案は既に「{status}」です。</translation>
        </message>
        <message>
            <source>Prompt reports are recorded for serious adverse events: an investigator marks the event serious first.</source>
            <translation>報告を記録できるのは重篤な有害事象のみです。先に試験責任・分担医師が重篤と判断して記録してください。</translation>
        </message>
        <message>
            <source>The database file is not there: check the path, or restore a backup.</source>
            <translation>データベースファイルがありません。場所を確認するか、バックアップを復元してください。</translation>
        </message>
        <message>
            <source>This file is not an NKDesk database: check the path; if it was the ward database, restore a backup.</source>
            <translation>このファイルは NKDesk のデータベースではありません。場所を確認し、病棟のデータベースだった場合はバックアップを復元してください。</translation>
        </message>
        <message>
            <source>The database is read-only: nothing can be saved. Ask IT to make it writable.</source>
            <translation>データベースが読み取り専用のため保存できません。書き込みできるよう情報システム担当に依頼してください。</translation>
        </message>
        <message>
            <source>The disk is full: nothing of this save was written. Free space, then save again.</source>
            <translation>ディスクがいっぱいです。今回の保存は書き込まれていません。空き容量を確保してから、もう一度保存してください。</translation>
        </message>
        <message>
            <source>The database is damaged: stop using it, keep the file for IT and restore the last good backup.</source>
            <translation>データベースが破損しています。使用を中止し、ファイルを情報システム担当のために残して、最後の正常なバックアップを復元してください。</translation>
        </message>
        <message>
            <source>This database was written by a newer NKDesk: use that version.</source>
            <translation>このデータベースは新しい版の NKDesk で作成されています。その版を使用してください。</translation>
        </message>
        <message>
            <source>The database is on a network drive, where it could be damaged: keep it on this computer's disk.</source>
            <translation>データベースがネットワークドライブ上にあり、破損のおそれがあります。このコンピューターのディスクに置いてください。</translation>
        </message>
        <message>
            <source>Another NKDesk window or program is saving to the database: try again in a moment.</source>
            <translation>別の NKDesk またはプログラムが保存中です。少し待ってから、もう一度行ってください。</translation>
        </message>
        <message>
            <source>Another NKDesk is using this database: close it first.</source>
            <translation>別の NKDesk がこのデータベースを使用中です。先にそちらを閉じてください。</translation>
        </message>
        <message>
            <source>give a reason to save this (it is recorded in the audit trail).</source>
            <translation>保存するには理由を入力してください（監査証跡に記録されます）。</translation>
        </message>
        <message>
            <source>“{text}” is used already: choose another.</source>
            <translation>「{text}」は既に使われています。別の値にしてください。</translation>
        </message>
        <message>
            <source>this is given twice: keep one.</source>
            <translation>2回入力されています。1つにしてください。</translation>
        </message>
        <message>
            <source>this value cannot be used here.</source>
            <translation>この値はここでは使えません。</translation>
        </message>
        <message>
            <source>this is not one of the choices offered.</source>
            <translation>選択肢にない値です。</translation>
        </message>
        <message>
            <source>choose one of the options offered.</source>
            <translation>選択肢から選んでください。</translation>
        </message>
        <message>
            <source>“{text}” is not a date. Type the year first: 1958-03-07 or 1958/3/7.</source>
            <translation>「{text}」は日付ではありません。年から入力してください：1958-03-07 または 1958/3/7。</translation>
        </message>
        <message>
            <source>this is before {before}: check the date and time.</source>
            <translation>{before} より前になっています。日時を確認してください。</translation>
        </message>
        <message>
            <source>this value is outside what is allowed.</source>
            <translation>許容範囲外の値です。</translation>
        </message>
        <message>
            <source>choose yes or no.</source>
            <translation>「はい」か「いいえ」を選んでください。</translation>
        </message>
        <message>
            <source>type a number.</source>
            <translation>数値を入力してください。</translation>
        </message>
        <message>
            <source>type text.</source>
            <translation>文字で入力してください。</translation>
        </message>
        <message>
            <source>type a list of whole minutes.</source>
            <translation>分を整数で並べて入力してください。</translation>
        </message>
        <message>
            <source>this setting needs a table of values.</source>
            <translation>この設定には値の一覧が必要です。</translation>
        </message>
        <message>
            <source>each syringe needs its strength (µg) and volume (mL).</source>
            <translation>各シリンジに含量（µg）と液量（mL）が必要です。</translation>
        </message>
        <message>
            <source>use 2–40 letters, digits, dots, hyphens or underscores.</source>
            <translation>半角英数字・ピリオド・ハイフン・下線で2～40文字にしてください。</translation>
        </message>
        <message>
            <source>this password is too easy to guess: at least 10 characters, not a common word.</source>
            <translation>推測されやすいパスワードです。一般的な語を避け、10文字以上にしてください。</translation>
        </message>
        <message>
            <source>this user has no NKDesk password.</source>
            <translation>この利用者には NKDesk のパスワードがありません。</translation>
        </message>
        <message>
            <source>you cannot change this for your own account: another administrator can.</source>
            <translation>自分のアカウントのこの項目は変更できません。別の管理者が変更できます。</translation>
        </message>
        <message>
            <source>choose one of the roles offered.</source>
            <translation>役割を選択肢から選んでください。</translation>
        </message>
        <message>
            <source>this is not a detail that can be changed here.</source>
            <translation>ここで変更できる項目ではありません。</translation>
        </message>
        <message>
            <source>this measurement is not stored for this patient: enter it again.</source>
            <translation>この患者の測定値として登録されていません。もう一度入力してください。</translation>
        </message>
        <message>
            <source>this protocol is not known to NKDesk.</source>
            <translation>NKDesk に登録されていないプロトコルです。</translation>
        </message>
        <message>
            <source>“{text}” is not a CTCAE v5.0 term: record it as a free term.</source>
            <translation>「{text}」は CTCAE v5.0 の用語ではありません。自由記載の用語として記録してください。</translation>
        </message>
        <message>
            <source>the values alone cannot decide the grade: choose the grade.</source>
            <translation>値だけではグレードを決められません。グレードを選んでください。</translation>
        </message>
        <message>
            <source>this is not one of this infusion's time points.</source>
            <translation>この投与の測定時点ではありません。</translation>
        </message>
        <message>
            <source>the time measured does not match this time point: confirm to save it there.</source>
            <translation>測定時刻がこの測定時点と合いません。この時点として保存する場合は確認してください。</translation>
        </message>
        <message>
            <source>this is not possible for a command-line user.</source>
            <translation>コマンドラインの利用者にはできません。</translation>
        </message>
        <message>
            <source>this order was stored without its height and weight: it cannot be checked here.</source>
            <translation>この指示は身長・体重なしで登録されているため、ここでは確認できません。</translation>
        </message>
        <message>
            <source>this file cannot be written: choose another folder.</source>
            <translation>このファイルには書き込めません。別のフォルダーを選んでください。</translation>
        </message>
        <message>
            <source>this draft cannot be read: it is kept as it was.</source>
            <translation>この下書きは読み込めません。そのまま保管しています。</translation>
        </message>
        <message>
            <source>tick each caution once the patient has been asked about it.</source>
            <translation>患者に確認した注意事項にそれぞれチェックを入れてください。</translation>
        </message>
        <message>
            <source>this is later than now: type the time it really was.</source>
            <translation>現在より後の時刻です。実際の時刻を入力してください。</translation>
        </message>
        <message>
            <source>use a decimal point, not a comma.</source>
            <translation>小数点はカンマではなくピリオドで入力してください。</translation>
        </message>
        <message>
            <source>this value is impossible ({low}–{high} accepted): a typing slip?</source>
            <translation>ありえない値です（{low}–{high} の範囲で入力）。入力ミスではありませんか？</translation>
        </message>
        <message>
            <source>choose A, C, V, P or U.</source>
            <translation>A、C、V、P、U のいずれかを選んでください。</translation>
        </message>
        <message>
            <source>choose SpO2 scale 1 or 2.</source>
            <translation>SpO2 スケール 1 または 2 を選んでください。</translation>
        </message>
        <message>
            <source>an oxygen flow needs its device: choose the device.</source>
            <translation>酸素流量には投与器具が必要です。器具を選んでください。</translation>
        </message>
        <message>
            <source>these entries cannot be read.</source>
            <translation>この入力は読み取れません。</translation>
        </message>
        <message>
            <source>this is not asked by this protocol.</source>
            <translation>このプロトコルでは尋ねない項目です。</translation>
        </message>
        <message>
            <source>the dates do not agree (one is after the other): check them.</source>
            <translation>日付の前後が合いません。確認してください。</translation>
        </message>
        <message>
            <source>choose a CTCAE grade from 1 to 5.</source>
            <translation>CTCAE グレードを 1～5 から選んでください。</translation>
        </message>
        <message>
            <source>the highest grade cannot be lower than the current grade.</source>
            <translation>最悪グレードは現在のグレードより低くできません。</translation>
        </message>
        <message>
            <source>the resolution is before the onset: check the dates.</source>
            <translation>消失日時が発現日時より前です。日時を確認してください。</translation>
        </message>
        <message>
            <source>the investigator cannot have learned of it before its onset: check the date.</source>
            <translation>試験責任・分担医師が発現前に知ることはありません。日付を確認してください。</translation>
        </message>
        <message>
            <source>a serious adverse event needs at least one seriousness criterion: tick it.</source>
            <translation>重篤な有害事象には重篤性の基準が少なくとも1つ必要です。チェックしてください。</translation>
        </message>
        <message>
            <source>criteria are ticked but the event is not marked serious.</source>
            <translation>基準にチェックがありますが、重篤とされていません。</translation>
        </message>
        <message>
            <source>type the cycle number (1, 2, 3 …).</source>
            <translation>サイクル番号（1、2、3 …）を入力してください。</translation>
        </message>
        <message>
            <source>type a percentage from 0 to 100.</source>
            <translation>0～100 の割合（%）を入力してください。</translation>
        </message>
        <message>
            <source>choose negative, positive or pending.</source>
            <translation>陰性・陽性・結果待ちのいずれかを選んでください。</translation>
        </message>
        <message>
            <source>this unit cannot be converted to the one needed.</source>
            <translation>この単位は必要な単位に換算できません。</translation>
        </message>
        <message>
            <source>this is not a laboratory value NKDesk knows.</source>
            <translation>NKDesk に登録されていない検査項目です。</translation>
        </message>
        <message>
            <source>choose a BSA formula from the list.</source>
            <translation>体表面積の計算式を一覧から選んでください。</translation>
        </message>
        <message>
            <source>choose a rounding policy from the list.</source>
            <translation>丸め方を一覧から選んでください。</translation>
        </message>
        <message>
            <source>no syringes are stocked: a pharmacist sets the site's stock first.</source>
            <translation>在庫シリンジが登録されていません。先に薬剤師が施設の在庫を設定してください。</translation>
        </message>
        <message>
            <source>this protocol has no G-CSF course.</source>
            <translation>このプロトコルには G-CSF 投与がありません。</translation>
        </message>
        <message>
            <source>this protocol has no treatment calendar.</source>
            <translation>このプロトコルには治療カレンダーがありません。</translation>
        </message>
        <message>
            <source>this cycle is not part of the calendar.</source>
            <translation>このサイクルはカレンダーにありません。</translation>
        </message>
        <message>
            <source>this is not used by this protocol.</source>
            <translation>このプロトコルでは使いません。</translation>
        </message>
        <message>
            <source>the protocol file has a problem: ask the data manager.</source>
            <translation>プロトコルファイルに問題があります。データマネージャーに連絡してください。</translation>
        </message>
        <message>
            <source>this order has no prescriber's signature: it cannot be verified.</source>
            <translation>この指示には処方者の署名がないため、鑑査できません。</translation>
        </message>
        <message>
            <source>a dose order cannot be verified by its prescriber: a second person checks it.</source>
            <translation>処方者は自分の投与指示を鑑査できません。別の者が鑑査します。</translation>
        </message>
        <message>
            <source>choose the Japanese or the Payne albumin correction.</source>
            <translation>アルブミン補正は日本の方式か Payne の方式を選んでください。</translation>
        </message>
        <message>
            <source>an ionised calcium is not corrected for albumin.</source>
            <translation>イオン化カルシウムはアルブミンで補正しません。</translation>
        </message>
        <message>
            <source>only hypo- and hypercalcaemia are graded on ionised calcium.</source>
            <translation>イオン化カルシウムで評価するのは低・高カルシウム血症のみです。</translation>
        </message>
        <message>
            <source>this term is graded from the clinical picture, not from a value.</source>
            <translation>この用語は値ではなく臨床所見からグレードを決めます。</translation>
        </message>
        <message>
            <source>this grade needs the normal range (LLN/ULN): set it first.</source>
            <translation>このグレードには基準範囲（LLN/ULN）が必要です。先に設定してください。</translation>
        </message>
        <message>
            <source>type how long it lasted, in hours (e.g. 30 or 1.5).</source>
            <translation>持続時間を時間単位で入力してください（例：30 または 1.5）。</translation>
        </message>
        <message>
            <source>type the number of vasopressors (0, 1, 2 …).</source>
            <translation>昇圧薬の剤数（0、1、2 …）を入力してください。</translation>
        </message>
        <message>
            <source>choose an oxygen device from the list.</source>
            <translation>酸素投与器具を一覧から選んでください。</translation>
        </message>
        <message>
            <source>the ASTCT grade depends on the oxygen device: record it.</source>
            <translation>ASTCT のグレードは酸素投与器具で決まります。器具を記録してください。</translation>
        </message>
        <message>
            <source>a nasal cannula's flow is needed (ASTCT: low flow ≤ 6 L/min, high flow &gt; 6 L/min).</source>
            <translation>鼻カニューラの流量が必要です（ASTCT：低流量 6 L/分以下、高流量 6 L/分超）。</translation>
        </message>
        <message>
            <source>prescribed, awaiting verification</source>
            <translation>処方済み・鑑査待ち</translation>
        </message>
        <message>
            <source>verified</source>
            <translation>鑑査済み</translation>
        </message>
        <message>
            <source>cancelled</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>planned</source>
            <translation>予定</translation>
        </message>
        <message>
            <source>prepared</source>
            <translation>準備済み</translation>
        </message>
        <message>
            <source>in progress</source>
            <translation>実施中</translation>
        </message>
        <message>
            <source>completed</source>
            <translation>完了</translation>
        </message>
        <message>
            <source>done</source>
            <translation>実施済み</translation>
        </message>
        <message>
            <source>blocked</source>
            <translation>投与不可</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>未決</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>採用</translation>
        </message>
        <message>
            <source>dismissed</source>
            <translation>却下</translation>
        </message>
        <message>
            <source>decided</source>
            <translation>決定済み</translation>
        </message>
        <message>
            <source>discontinued</source>
            <translation>中止</translation>
        </message>
        <message>
            <source>suspended</source>
            <translation>休止中</translation>
        </message>
        <message>
            <source>draft</source>
            <translation>下書き</translation>
        </message>
        <message>
            <source>signed</source>
            <translation>署名済み</translation>
        </message>
        <message>
            <source>register patients</source>
            <translation>患者の登録</translation>
        </message>
        <message>
            <source>edit patient details</source>
            <translation>患者情報の編集</translation>
        </message>
        <message>
            <source>record laboratory results</source>
            <translation>検査値の記録</translation>
        </message>
        <message>
            <source>record height and weight</source>
            <translation>身長・体重の記録</translation>
        </message>
        <message>
            <source>save eligibility assessments</source>
            <translation>適格性評価の保存</translation>
        </message>
        <message>
            <source>sign eligibility assessments</source>
            <translation>適格性評価への署名</translation>
        </message>
        <message>
            <source>change a signed eligibility assessment</source>
            <translation>署名済み適格性評価の変更</translation>
        </message>
        <message>
            <source>write dose orders</source>
            <translation>投与指示の記録</translation>
        </message>
        <message>
            <source>prescribe dose orders</source>
            <translation>投与指示の処方</translation>
        </message>
        <message>
            <source>verify dose orders</source>
            <translation>投与指示の鑑査</translation>
        </message>
        <message>
            <source>cancel dose orders</source>
            <translation>投与指示の取消</translation>
        </message>
        <message>
            <source>plan treatment cycles</source>
            <translation>治療サイクルの計画</translation>
        </message>
        <message>
            <source>record treatment events</source>
            <translation>治療予定の実施記録</translation>
        </message>
        <message>
            <source>discontinue or suspend treatment</source>
            <translation>治療の中止・休止</translation>
        </message>
        <message>
            <source>change site settings</source>
            <translation>施設設定の変更</translation>
        </message>
        <message>
            <source>manage user accounts</source>
            <translation>利用者アカウントの管理</translation>
        </message>
        <message>
            <source>accept an audit anchor</source>
            <translation>監査アンカーの承認</translation>
        </message>
        <message>
            <source>read the access log</source>
            <translation>アクセスログの閲覧</translation>
        </message>
        <message>
            <source>lift a suspension</source>
            <translation>休止の解除</translation>
        </message>
        <message>
            <source>propose stopping treatment</source>
            <translation>治療中止の提案</translation>
        </message>
        <message>
            <source>record infusions</source>
            <translation>投与の記録</translation>
        </message>
        <message>
            <source>record vital signs</source>
            <translation>バイタルサインの記録</translation>
        </message>
        <message>
            <source>acknowledge vital-sign alerts</source>
            <translation>バイタルサインのアラート確認</translation>
        </message>
        <message>
            <source>record adverse events</source>
            <translation>有害事象の記録</translation>
        </message>
        <message>
            <source>judge adverse-event seriousness and relatedness</source>
            <translation>有害事象の重篤性・因果関係の判断</translation>
        </message>
        <message>
            <source>record prompt reports</source>
            <translation>副作用等報告の記録</translation>
        </message>
        <message>
            <source>discard unsaved drafts</source>
            <translation>未保存の下書きの破棄</translation>
        </message>
        <message>
            <source>choose their own language</source>
            <translation>表示言語の選択</translation>
        </message>
        <message>
            <source>restore a backup</source>
            <translation>バックアップの復元</translation>
        </message>
        <message>
            <source>add the first administrator</source>
            <translation>最初の管理者の登録</translation>
        </message>
        <message>
            <source>infectious-disease test positive</source>
            <translation>感染症検査陽性</translation>
        </message>
        <message>
            <source>sterility test positive</source>
            <translation>無菌試験陽性</translation>
        </message>
        <message>
            <source>operating-system user</source>
            <translation>OS の利用者</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>an investigator</source>
            <translation>試験責任・分担医師</translation>
        </message>
        <message>
            <source>a pharmacist</source>
            <translation>薬剤師</translation>
        </message>
        <message>
            <source>a research nurse</source>
            <translation>臨床研究看護師</translation>
        </message>
        <message>
            <source>an administrator</source>
            <translation>管理者</translation>
        </message>
        <message>
            <source>another role</source>
            <translation>権限のある別の役割の者</translation>
        </message>
    </context>
    <context>
        <name>AdverseEventDialog</name>
        <message>
            <source>ongoing (no resolution yet)</source>
            <translation>継続中（未消失）</translation>
        </message>
        <message>
            <source>{0} d {1} h {2} min</source>
            <translation>{0}日{1}時間{2}分</translation>
        </message>
        <message>
            <source>{0} h {1} min</source>
            <translation>{0}時間{1}分</translation>
        </message>
        <message>
            <source>{0} min</source>
            <translation>{0}分</translation>
        </message>
        <message>
            <source>Adverse event (CTCAE v5.0)</source>
            <translation>有害事象（CTCAE v5.0）</translation>
        </message>
        <message>
            <source>CTCAE term</source>
            <translation>CTCAE 用語</translation>
        </message>
        <message>
            <source>Free term (type it below)</source>
            <translation>自由記載の用語（下に入力）</translation>
        </message>
        <message>
            <source>{0}   ({1})</source>
            <translation>{0}   （{1}）</translation>
        </message>
        <message>
            <source>Free term</source>
            <translation>自由記載の用語</translation>
        </message>
        <message>
            <source>Onset date and time</source>
            <translation>発現日時</translation>
        </message>
        <message>
            <source>Resolution date and time</source>
            <translation>消失日時</translation>
        </message>
        <message>
            <source>Cycle</source>
            <translation>サイクル</translation>
        </message>
        <message>
            <source>Grade (CTCAE v5.0 definitions)</source>
            <translation>グレード（CTCAE v5.0 の定義）</translation>
        </message>
        <message>
            <source>Grade {0}</source>
            <translation>グレード {0}</translation>
        </message>
        <message>
            <source>Highest grade over its course</source>
            <translation>経過中の最高グレード</translation>
        </message>
        <message>
            <source>Serious (ICH E2A)</source>
            <translation>重篤（ICH E2A）</translation>
        </message>
        <message>
            <source>Serious</source>
            <translation>重篤</translation>
        </message>
        <message>
            <source>Results in death</source>
            <translation>死亡</translation>
        </message>
        <message>
            <source>Life-threatening</source>
            <translation>生命を脅かすもの</translation>
        </message>
        <message>
            <source>Hospitalisation or prolongation of existing hospitalisation</source>
            <translation>入院または入院期間の延長</translation>
        </message>
        <message>
            <source>Persistent or significant disability/incapacity</source>
            <translation>永続的または顕著な障害・機能不全</translation>
        </message>
        <message>
            <source>Congenital anomaly/birth defect</source>
            <translation>先天異常・先天性欠損</translation>
        </message>
        <message>
            <source>Other important medical event</source>
            <translation>その他の医学的に重要な事象</translation>
        </message>
        <message>
            <source>Day the investigator learned of it</source>
            <translation>試験責任・分担医師が知った日</translation>
        </message>
        <message>
            <source>YYYY-MM-DD (day 0 of the reporting clock)</source>
            <translation>YYYY-MM-DD（報告期限の起算日＝0日目）</translation>
        </message>
        <message>
            <source>REPORT PROMPTLY (Act on the Safety of Regenerative Medicine, enforcement regulation Art. 35): a serious AE whose relation to the cell product is not excluded is reported to the certified committee for regenerative medicine (and the Ministry of Health, Labour and Welfare) within 7 days (death, or may lead to death) or 15 days (other serious criteria) of the day the investigator learned of it. The protocol's own wording is narrower: prolonged hospitalisation or death.</source>
            <translation>疾病等報告（再生医療等安全性確保法施行規則 第35条）：細胞製剤との因果関係が否定できない重篤な有害事象は、試験責任・分担医師が知った日から7日以内（死亡または死亡につながるおそれのある症例：7日報告）または15日以内（その他の重篤な症例：15日報告）に認定再生医療等委員会（および厚生労働大臣）へ報告します。プロトコルの記載はこれより狭く、入院期間の延長または死亡です。</translation>
        </message>
        <message>
            <source>Relationship to the cell product</source>
            <translation>細胞製剤との因果関係</translation>
        </message>
        <message>
            <source>Unrelated</source>
            <translation>関連なし</translation>
        </message>
        <message>
            <source>Unlikely</source>
            <translation>おそらく関連なし</translation>
        </message>
        <message>
            <source>Possible</source>
            <translation>関連あるかもしれない</translation>
        </message>
        <message>
            <source>Probable</source>
            <translation>おそらく関連あり</translation>
        </message>
        <message>
            <source>Definite</source>
            <translation>関連あり</translation>
        </message>
        <message>
            <source>Action taken</source>
            <translation>取った処置</translation>
        </message>
        <message>
            <source>None (treatment not changed)</source>
            <translation>なし（治療変更なし）</translation>
        </message>
        <message>
            <source>Infusion interrupted</source>
            <translation>投与を一時中断</translation>
        </message>
        <message>
            <source>Infusion stopped</source>
            <translation>投与を中止</translation>
        </message>
        <message>
            <source>Protocol treatment suspended</source>
            <translation>プロトコル治療を休止</translation>
        </message>
        <message>
            <source>Protocol treatment discontinued</source>
            <translation>プロトコル治療を中止</translation>
        </message>
        <message>
            <source>Not applicable</source>
            <translation>該当なし</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>不明</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>転帰</translation>
        </message>
        <message>
            <source>Recovered/resolved</source>
            <translation>回復</translation>
        </message>
        <message>
            <source>Recovering/resolving</source>
            <translation>軽快</translation>
        </message>
        <message>
            <source>Not recovered/not resolved</source>
            <translation>未回復</translation>
        </message>
        <message>
            <source>Recovered with sequelae</source>
            <translation>後遺症あり</translation>
        </message>
        <message>
            <source>Fatal</source>
            <translation>死亡</translation>
        </message>
        <message>
            <source>Comment</source>
            <translation>コメント</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>Save the adverse event (Ctrl+S)</source>
            <translation>有害事象を保存（Ctrl+S）</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>キャンセル</translation>
        </message>
        <message>
            <source>Close; what is typed is kept as a draft for this patient</source>
            <translation>閉じる（入力内容はこの患者の下書きとして保存されます）</translation>
        </message>
        <message>
            <source>Discard &amp;draft…</source>
            <translation>下書きを破棄(&amp;D)…</translation>
        </message>
        <message>
            <source>Discard the adverse event draft</source>
            <translation>有害事象の下書きを破棄</translation>
        </message>
        <message>
            <source>Term</source>
            <translation>用語</translation>
        </message>
        <message>
            <source>Onset</source>
            <translation>発現</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>消失</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>持続期間</translation>
        </message>
        <message>
            <source>Days since infusion</source>
            <translation>投与後日数</translation>
        </message>
        <message>
            <source>Highest grade</source>
            <translation>最高グレード</translation>
        </message>
        <message>
            <source>Relationship</source>
            <translation>因果関係</translation>
        </message>
        <message>
            <source>Seriousness (ICH E2A; judged by an investigator)</source>
            <translation>重篤性（ICH E2A、試験責任・分担医師が判断）</translation>
        </message>
        <message>
            <source>Investigator learned of it on</source>
            <translation>試験責任・分担医師が知った日</translation>
        </message>
        <message>
            <source>Grade — CTCAE v5.0 general definitions (free term)</source>
            <translation>グレード — CTCAE v5.0 一般定義（自由記載の用語）</translation>
        </message>
        <message>
            <source>Grade — CTCAE v5.0: {0}</source>
            <translation>グレード — CTCAE v5.0：{0}</translation>
        </message>
        <message>
            <source>— (CTCAE defines no grade {0} for this term)</source>
            <translation>—（この用語に CTCAE のグレード {0} の定義はありません）</translation>
        </message>
        <message>
            <source>resolution is before onset</source>
            <translation>消失が発現より前です</translation>
        </message>
        <message>
            <source>no infusion date</source>
            <translation>投与日がありません</translation>
        </message>
        <message>
            <source>day {0} (infusion {1} = day 0)</source>
            <translation>{0}日目（投与 {1} ＝0日目）</translation>
        </message>
        <message>
            <source>enter the onset as YYYY-MM-DD hh:mm</source>
            <translation>発現日時を YYYY-MM-DD hh:mm で入力してください</translation>
        </message>
        <message>
            <source>enter the resolution as YYYY-MM-DD hh:mm, or leave it blank</source>
            <translation>消失日時を YYYY-MM-DD hh:mm で入力するか、空欄のままにしてください</translation>
        </message>
        <message>
            <source>enter the date as YYYY-MM-DD, or leave it blank</source>
            <translation>日付を YYYY-MM-DD で入力するか、空欄のままにしてください</translation>
        </message>
    </context>
    <context>
        <name>AdverseEventsPage</name>
        <message>
            <source>Adverse events</source>
            <translation>有害事象</translation>
        </message>
        <message>
            <source>Term</source>
            <translation>用語</translation>
        </message>
        <message>
            <source>Grade</source>
            <translation>グレード</translation>
        </message>
        <message>
            <source>Worst</source>
            <translation>最悪</translation>
        </message>
        <message>
            <source>Onset</source>
            <translation>発現</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>消失</translation>
        </message>
        <message>
            <source>Duration</source>
            <translation>持続期間</translation>
        </message>
        <message>
            <source>Serious</source>
            <translation>重篤</translation>
        </message>
        <message>
            <source>Relationship</source>
            <translation>因果関係</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>転帰</translation>
        </message>
        <message>
            <source>Complete?</source>
            <translation>入力完了？</translation>
        </message>
        <message>
            <source>Add adverse &amp;event…</source>
            <translation>有害事象を追加(&amp;E)…</translation>
        </message>
        <message>
            <source>Proposed from lab results and temperatures — accept to log as an AE</source>
            <translation>検査値と体温からの提案 — 採用すると有害事象として記録します</translation>
        </message>
        <message>
            <source>&lt;b&gt;Adverse events (CTCAE v5.0)&lt;/b&gt; — double-click a row to edit</source>
            <translation>&lt;b&gt;有害事象（CTCAE v5.0）&lt;/b&gt; — 行をダブルクリックして編集</translation>
        </message>
        <message>
            <source>No</source>
            <translation>いいえ</translation>
        </message>
        <message>
            <source>Yes — REPORT DUE</source>
            <translation>はい — 要報告</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>はい</translation>
        </message>
        <message>
            <source>incomplete: {0}</source>
            <translation>未完了：{0}</translation>
        </message>
        <message>
            <source>complete</source>
            <translation>完了</translation>
        </message>
        <message>
            <source>{0} (free term)</source>
            <translation>{0}（自由記載）</translation>
        </message>
        <message>
            <source>ongoing</source>
            <translation>継続中</translation>
        </message>
        <message>
            <source>Unrelated</source>
            <translation>関連なし</translation>
        </message>
        <message>
            <source>Unlikely</source>
            <translation>おそらく関連なし</translation>
        </message>
        <message>
            <source>Possible</source>
            <translation>関連あるかもしれない</translation>
        </message>
        <message>
            <source>Probable</source>
            <translation>おそらく関連あり</translation>
        </message>
        <message>
            <source>Definite</source>
            <translation>関連あり</translation>
        </message>
        <message>
            <source>Recovered</source>
            <translation>回復</translation>
        </message>
        <message>
            <source>Recovering</source>
            <translation>軽快</translation>
        </message>
        <message>
            <source>Not recovered</source>
            <translation>未回復</translation>
        </message>
        <message>
            <source>Recovered with sequelae</source>
            <translation>後遺症あり</translation>
        </message>
        <message>
            <source>Fatal</source>
            <translation>死亡</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>不明</translation>
        </message>
        <message>
            <source>Accept</source>
            <translation>採用</translation>
        </message>
        <message>
            <source>Accept proposal {0}</source>
            <translation>提案 {0} を採用</translation>
        </message>
        <message>
            <source>Dismiss</source>
            <translation>却下</translation>
        </message>
        <message>
            <source>Dismiss proposal {0}</source>
            <translation>提案 {0} を却下</translation>
        </message>
        <message>
            <source>grade {0} — needs judgement: {1}</source>
            <translation>グレード {0} — 判断が必要：{1}</translation>
        </message>
        <message>
            <source>not graded: {0}</source>
            <translation>グレード判定なし：{0}</translation>
        </message>
        <message>
            <source>grade {0} ({1})</source>
            <translation>グレード {0}（{1}）</translation>
        </message>
        <message>
            <source>&lt;b&gt;Fever&lt;/b&gt; from {0}, peak {1}: {2}{3}</source>
            <translation>&lt;b&gt;発熱&lt;/b&gt; {0} から、最高 {1}：{2}{3}</translation>
        </message>
        <message>
            <source> — ongoing</source>
            <translation> — 継続中</translation>
        </message>
        <message>
            <source>&lt;b&gt;{0}&lt;/b&gt;: {1} — {2} (normal range: {3})</source>
            <translation>&lt;b&gt;{0}&lt;/b&gt;：{1} — {2}（基準範囲：{3}）</translation>
        </message>
    </context>
    <context>
        <name>AdverseEventsTab</name>
        <message>
            <source>an adverse event typed before is not saved; open it again to continue</source>
            <translation>以前に入力した有害事象は未保存です。開き直して続けてください</translation>
        </message>
        <message>
            <source>typed before, not saved</source>
            <translation>以前の入力、未保存</translation>
        </message>
        <message>
            <source>Discard the draft</source>
            <translation>下書きを破棄</translation>
        </message>
        <message>
            <source>Why is the adverse event typed here thrown away?</source>
            <translation>ここで入力した有害事象を破棄する理由は？</translation>
        </message>
        <message>
            <source>The same adverse event?</source>
            <translation>同じ有害事象ですか？</translation>
        </message>
        <message>
            <source>{0} is already logged for this patient and still ongoing (onset {1}, grade {2}).
Log another {0}? If it is the same event, No — then change that one's grade in the log, with the reason (what you typed is kept as a draft).</source>
            <translation>{0} はこの患者で記録済みで、まだ継続中です（発現 {1}、グレード {2}）。
別の {0} として記録しますか？ 同じ事象なら「いいえ」を選び、記録済みの事象のグレードを理由とともに変更してください（入力内容は下書きとして保持されます）。</translation>
        </message>
        <message>
            <source>Change the adverse event</source>
            <translation>有害事象の変更</translation>
        </message>
        <message>
            <source>Why is this adverse event ({0}) changed?</source>
            <translation>この有害事象（{0}）を変更する理由は？</translation>
        </message>
        <message>
            <source>Dismiss the proposal</source>
            <translation>提案を却下</translation>
        </message>
        <message>
            <source>Why is the proposed {0} not an adverse event?</source>
            <translation>提案された {0} が有害事象ではない理由は？</translation>
        </message>
    </context>
    <context>
        <name>AlertBanner</name>
        <message>
            <source>Critical vital-sign alerts</source>
            <translation>バイタルサインの重大アラート</translation>
        </message>
        <message>
            <source>Acknowledge…</source>
            <translation>確認…</translation>
        </message>
        <message>
            <source>Acknowledge alert: {0}</source>
            <translation>アラートを確認：{0}</translation>
        </message>
        <message>
            <source>Doctor on duty</source>
            <translation>当直医</translation>
        </message>
        <message>
            <source>Investigator</source>
            <translation>試験責任・分担医師</translation>
        </message>
        <message>
            <source>Nurse in charge</source>
            <translation>担当看護師</translation>
        </message>
        <message>
            <source>Rapid response team</source>
            <translation>院内迅速対応チーム（RRT）</translation>
        </message>
        <message>
            <source>Who was informed</source>
            <translation>連絡先</translation>
        </message>
        <message>
            <source>who was informed</source>
            <translation>連絡先</translation>
        </message>
        <message>
            <source>Action taken</source>
            <translation>取った処置</translation>
        </message>
        <message>
            <source>action taken</source>
            <translation>実施した対応</translation>
        </message>
        <message>
            <source>NEWS2 response</source>
            <translation>NEWS2 の対応</translation>
        </message>
        <message>
            <source>Use the NEWS2 clinical response as the action</source>
            <translation>NEWS2 の臨床対応を実施した対応とする</translation>
        </message>
        <message>
            <source>RCP 2017, NEWS2 Chart 4: {0}</source>
            <translation>RCP 2017、NEWS2 Chart 4：{0}</translation>
        </message>
        <message>
            <source>Time the action was taken</source>
            <translation>対応した時刻</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>記録</translation>
        </message>
        <message>
            <source>Record the acknowledgement</source>
            <translation>確認を記録</translation>
        </message>
    </context>
    <context>
        <name>CalendarPage</name>
        <message>
            <source>Date</source>
            <translation>日付</translation>
        </message>
        <message>
            <source>Cycle</source>
            <translation>サイクル</translation>
        </message>
        <message>
            <source>Culture day</source>
            <translation>培養日</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>予定</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Change</source>
            <translation>変更</translation>
        </message>
        <message>
            <source>Day off</source>
            <translation>休日</translation>
        </message>
        <message>
            <source>moved from {0}</source>
            <translation>{0} から変更</translation>
        </message>
        <message>
            <source>was {0}</source>
            <translation>変更前 {0}</translation>
        </message>
        <message>
            <source>⚑ {0}: confirm staffing</source>
            <translation>⚑ {0}：体制要確認</translation>
        </message>
        <message>
            <source>{0} falls on {1}: confirm that the apheresis unit and the cell-processing facility are staffed that day.</source>
            <translation>{0}は{1}に当たります。当日のアフェレシス部門と細胞調製施設の人員体制を確認してください。</translation>
        </message>
        <message>
            <source>Treatment calendar events</source>
            <translation>治療カレンダーの予定</translation>
        </message>
        <message>
            <source>Month view</source>
            <translation>月表示</translation>
        </message>
        <message>
            <source>Mar&amp;k done</source>
            <translation>実施済みにする(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Move…</source>
            <translation>日付を変更(&amp;M)…</translation>
        </message>
        <message>
            <source>First G-CSF day {0} lies within the window {1} – {2} (1 to 3 months after surgery).</source>
            <translation>G-CSF 初日 {0} は許容期間 {1} – {2}（術後1〜3か月）内です。</translation>
        </message>
        <message>
            <source>WARNING: first G-CSF day {0} is OUTSIDE the window {1} – {2} (1 to 3 months after surgery).</source>
            <translation>警告：G-CSF 初日 {0} は許容期間 {1} – {2}（術後1〜3か月）の範囲外です。</translation>
        </message>
    </context>
    <context>
        <name>CalendarTab</name>
        <message>
            <source>What the last move changed</source>
            <translation>直前の変更による影響</translation>
        </message>
        <message>
            <source>&amp;Store this plan as the patient's calendar</source>
            <translation>この計画を患者のカレンダーとして保存(&amp;S)</translation>
        </message>
        <message>
            <source>Stored calendar: {0} events. Select one to mark it done or move it.</source>
            <translation>保存済みカレンダー：{0} 件。選択して実施済みにするか日付を変更します。</translation>
        </message>
        <message>
            <source>No calendar yet: it is planned from the filgrastim order's apheresis date.</source>
            <translation>カレンダーはまだありません。フィルグラスチム指示のアフェレシス日から計画されます。</translation>
        </message>
        <message>
            <source>proposed</source>
            <translation>提案</translation>
        </message>
        <message>
            <source>Proposed by the protocol from the apheresis on {0}; not stored yet.</source>
            <translation>{0} のアフェレシスからプロトコルに従って提案（未保存）。</translation>
        </message>
        <message>
            <source>Store the plan first; then events can be marked done.</source>
            <translation>先に計画を保存してください。その後、予定を実施済みにできます。</translation>
        </message>
        <message>
            <source>Store the plan first; then events can be moved.</source>
            <translation>先に計画を保存してください。その後、予定の日付を変更できます。</translation>
        </message>
        <message>
            <source>Moved: {0} (cycle {1}) {2} → {3}.</source>
            <translation>変更：{0}（サイクル {1}）{2} → {3}。</translation>
        </message>
        <message>
            <source>Re-planned with it: {0} events ({1}), marked "was …" in the list.</source>
            <translation>連動して再計画：{0} 件（{1}）。一覧に「変更前 …」と表示しています。</translation>
        </message>
        <message>
            <source>cycle {0}: {1}</source>
            <translation>サイクル {0}：{1}</translation>
        </message>
        <message>
            <source>Nothing else depends on it.</source>
            <translation>連動する予定はありません。</translation>
        </message>
        <message>
            <source>Kept as they happened: {0}.</source>
            <translation>実施済みのため変更なし：{0}。</translation>
        </message>
        <message>
            <source>The {0} filgrastim order still gives the apheresis on {1}: it is unchanged — re-prescribe it for the new dates.</source>
            <translation>{0} のフィルグラスチム指示はアフェレシス日を {1} のままとしています（変更されません）— 新しい日程で再処方してください。</translation>
        </message>
    </context>
    <context>
        <name>CellProductPanel</name>
        <message>
            <source>Bag or lot ID</source>
            <translation>バッグ／ロット ID</translation>
        </message>
        <message>
            <source>Total viable cells</source>
            <translation>総生細胞数</translation>
        </message>
        <message>
            <source>Total viable cells scale</source>
            <translation>総生細胞数の桁</translation>
        </message>
        <message>
            <source>{0} cells</source>
            <translation>{0} 個</translation>
        </message>
        <message>
            <source>Viability (%)</source>
            <translation>生存率（%）</translation>
        </message>
        <message>
            <source>CD3−CD56+ NK fraction (%)</source>
            <translation>CD3−CD56+ NK 細胞比率（%）</translation>
        </message>
        <message>
            <source>Sterility test</source>
            <translation>無菌試験</translation>
        </message>
        <message>
            <source>Infectious-disease test of the culture material</source>
            <translation>培養材料の感染症検査</translation>
        </message>
        <message>
            <source>Infusion start</source>
            <translation>投与開始</translation>
        </message>
        <message>
            <source>Infusion end</source>
            <translation>投与終了</translation>
        </message>
        <message>
            <source>Administered by</source>
            <translation>投与者</translation>
        </message>
        <message>
            <source>&amp;Start infusion</source>
            <translation>投与開始(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;End infusion</source>
            <translation>投与終了(&amp;E)</translation>
        </message>
        <message>
            <source>NK (CD3−CD56+) %</source>
            <translation>NK（CD3−CD56+）%</translation>
        </message>
        <message>
            <source>Bag / lot ID</source>
            <translation>バッグ／ロット ID</translation>
        </message>
        <message>
            <source>Viable cells</source>
            <translation>生細胞数</translation>
        </message>
        <message>
            <source>Viability %</source>
            <translation>生存率 %</translation>
        </message>
        <message>
            <source>Dose</source>
            <translation>投与量</translation>
        </message>
        <message>
            <source>Infectious-disease test</source>
            <translation>感染症検査</translation>
        </message>
        <message>
            <source>Start → end</source>
            <translation>開始 → 終了</translation>
        </message>
        <message>
            <source>Given by</source>
            <translation>投与者</translation>
        </message>
        <message>
            <source>Pending</source>
            <translation>結果待ち</translation>
        </message>
        <message>
            <source>Negative</source>
            <translation>陰性</translation>
        </message>
        <message>
            <source>POSITIVE</source>
            <translation>陽性</translation>
        </message>
        <message>
            <source>the infectious-disease test of the culture material is POSITIVE</source>
            <translation>培養材料の感染症検査が陽性です</translation>
        </message>
        <message>
            <source>the sterility test is POSITIVE</source>
            <translation>無菌試験が陽性です</translation>
        </message>
        <message>
            <source>INFUSION BLOCKED: {0}.</source>
            <translation>投与不可：{0}。</translation>
        </message>
        <message>
            <source>Stop rule proposed (protocol): the investigator discontinues or suspends protocol treatment for this subject. An investigator decides and signs.</source>
            <translation>中止基準の提案（プロトコル）：この被験者のプロトコル治療の中止または休止を、試験責任・分担医師が判断し署名します。</translation>
        </message>
        <message>
            <source>sterility</source>
            <translation>無菌試験</translation>
        </message>
        <message>
            <source>infectious-disease test</source>
            <translation>感染症検査</translation>
        </message>
        <message>
            <source>Release tests pending: {0}.</source>
            <translation>出荷試験の結果待ち：{0}。</translation>
        </message>
        <message>
            <source>Release tests negative: the infusion may start.</source>
            <translation>出荷試験は陰性です。投与を開始できます。</translation>
        </message>
        <message>
            <source>Enter the bag ID, the viable cells and who gives it</source>
            <translation>バッグ ID、生細胞数、投与者を入力してください</translation>
        </message>
        <message>
            <source>Enter the viable cells.</source>
            <translation>生細胞数を入力してください。</translation>
        </message>
        <message>
            <source>No body weight recorded: dose per kg not computed.</source>
            <translation>体重の記録がないため、体重あたりの投与量は計算していません。</translation>
        </message>
        <message>
            <source>&lt;b&gt;{0:.3g} × 10⁶ viable cells/kg&lt;/b&gt;</source>
            <translation>&lt;b&gt;{0:.3g} × 10⁶ 生細胞/kg&lt;/b&gt;</translation>
        </message>
        <message>
            <source> · NK {0:.3g} × 10⁶ cells/kg</source>
            <translation> · NK {0:.3g} × 10⁶ 個/kg</translation>
        </message>
        <message>
            <source> (weight {0:g} kg)</source>
            <translation>（体重 {0:g} kg）</translation>
        </message>
    </context>
    <context>
        <name>ComboInput</name>
        <message>
            <source>Yes</source>
            <translation>はい</translation>
        </message>
        <message>
            <source>No</source>
            <translation>いいえ</translation>
        </message>
    </context>
    <context>
        <name>CredentialsDialog</name>
        <message>
            <source>User name</source>
            <translation>ユーザー名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>パスワード</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>サインイン中…</translation>
        </message>
    </context>
    <context>
        <name>CriteriaReview</name>
        <message>
            <source>Criterion</source>
            <translation>基準</translation>
        </message>
        <message>
            <source>Result</source>
            <translation>結果</translation>
        </message>
        <message>
            <source>Evidence</source>
            <translation>根拠</translation>
        </message>
        <message>
            <source>Source wording</source>
            <translation>原文</translation>
        </message>
        <message>
            <source>Applies: excluded</source>
            <translation>該当：除外</translation>
        </message>
        <message>
            <source>Does not apply</source>
            <translation>該当しない</translation>
        </message>
        <message>
            <source>Missing</source>
            <translation>未入力</translation>
        </message>
        <message>
            <source>Met</source>
            <translation>適合</translation>
        </message>
        <message>
            <source>Not met</source>
            <translation>不適合</translation>
        </message>
        <message>
            <source>boundary</source>
            <translation>境界値</translation>
        </message>
        <message>
            <source>Eligibility criteria</source>
            <translation>適格基準</translation>
        </message>
        <message>
            <source>&lt;b&gt;Open points in the protocol text&lt;/b&gt;</source>
            <translation>&lt;b&gt;プロトコル本文の未確定事項&lt;/b&gt;</translation>
        </message>
    </context>
    <context>
        <name>DialogPrompts</name>
        <message>
            <source>Date</source>
            <translation>日付</translation>
        </message>
    </context>
    <context>
        <name>DosingPage</name>
        <message>
            <source>Height</source>
            <translation>身長</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>体重</translation>
        </message>
        <message>
            <source>BSA formula</source>
            <translation>体表面積の計算式</translation>
        </message>
        <message>
            <source>G-CSF days</source>
            <translation>G-CSF 投与日数</translation>
        </message>
        <message>
            <source>{0} days</source>
            <translation>{0} 日間</translation>
        </message>
        <message>
            <source>Planned apheresis date</source>
            <translation>アフェレシス予定日</translation>
        </message>
        <message>
            <source>G-CSF course</source>
            <translation>G-CSF 投与期間</translation>
        </message>
        <message>
            <source>Apheresis (last G-CSF day)</source>
            <translation>アフェレシス（G-CSF 最終日）</translation>
        </message>
        <message>
            <source>Body measurements and course</source>
            <translation>身体計測と投与期間</translation>
        </message>
        <message>
            <source>&amp;Prescribe…</source>
            <translation>処方(&amp;P)…</translation>
        </message>
        <message>
            <source>Filgrastim order</source>
            <translation>フィルグラスチム指示</translation>
        </message>
        <message>
            <source>Enter height and weight.</source>
            <translation>身長と体重を入力してください。</translation>
        </message>
        <message>
            <source>Split the daily dose in two — PROTOCOL DEVIATION</source>
            <translation>1日量を2回に分割 — プロトコル逸脱</translation>
        </message>
        <message>
            <source>Calculation only — not prescribed</source>
            <translation>計算のみ — 未処方</translation>
        </message>
        <message>
            <source>Draft — not prescribed</source>
            <translation>下書き — 未処方</translation>
        </message>
        <message>
            <source>Prescribed — NOT ACTIVE until verified by a second person</source>
            <translation>処方済み — 別の者が鑑査するまで無効</translation>
        </message>
        <message>
            <source>ACTIVE — verified</source>
            <translation>有効 — 鑑査済み</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Split daily dose (a deviation from the protocol)</source>
            <translation>1日量の分割（プロトコル逸脱）</translation>
        </message>
        <message>
            <source>Label cautions — ask the patient, then tick</source>
            <translation>添付文書の注意 — 患者に確認してからチェック</translation>
        </message>
        <message>
            <source>Spleen / left upper quadrant pain: asked</source>
            <translation>脾臓／左上腹部痛：確認済み</translation>
        </message>
        <message>
            <source>History of thrombosis: asked</source>
            <translation>血栓症の既往：確認済み</translation>
        </message>
        <message>
            <source>Ask about left upper quadrant or shoulder-tip pain and look for an enlarged spleen before each dose (splenomegaly, splenic rupture; an enlarged spleen is common in cirrhosis).</source>
            <translation>毎回の投与前に左上腹部痛・肩先の痛みを確認し、脾腫の有無を診てください（脾腫・脾破裂。肝硬変では脾腫がよくみられます）。</translation>
        </message>
        <message>
            <source>Ask about a history of venous or arterial thrombosis before the course.</source>
            <translation>投与開始前に静脈・動脈血栓症の既往を確認してください。</translation>
        </message>
        <message>
            <source>Ve&amp;rify…</source>
            <translation>鑑査(&amp;R)…</translation>
        </message>
        <message>
            <source>Order on file, as prescribed:
{0}</source>
            <translation>登録済みの指示（処方時）：
{0}</translation>
        </message>
        <message>
            <source>A split dose (twice daily) is a DEVIATION from the protocol's once-daily dosing; it is printed as such on the order.</source>
            <translation>分割投与（1日2回）はプロトコルの1日1回投与からの逸脱です。指示書にもその旨が印刷されます。</translation>
        </message>
        <message>
            <source>Order on file</source>
            <translation>登録済みの指示</translation>
        </message>
        <message>
            <source> These inputs would give {0}.</source>
            <translation> この入力では {0} になります。</translation>
        </message>
        <message>
            <source>New measurements — the prescribed order is unchanged; re-prescribe?{0}</source>
            <translation>新しい測定値 — 処方済みの指示は変更されていません。再処方しますか？{0}</translation>
        </message>
        <message>
            <source>Calculation</source>
            <translation>計算</translation>
        </message>
        <message>
            <source>{0}: {1} · {2} → BSA &lt;b&gt;{3}&lt;/b&gt; ({4}) · {5:g} µg/m² → prescribed &lt;b&gt;{6}&lt;/b&gt; · delivered &lt;b&gt;{7:g} µg/day&lt;/b&gt; ({8:+.1f} %)</source>
            <translation>{0}：{1} · {2} → 体表面積 &lt;b&gt;{3}&lt;/b&gt;（{4}）· {5:g} µg/m² → 処方量 &lt;b&gt;{6}&lt;/b&gt; · 投与量 &lt;b&gt;{7:g} µg/日&lt;/b&gt;（{8:+.1f} %）</translation>
        </message>
        <message>
            <source>Within ±{0:g} % of the prescribed dose.</source>
            <translation>処方量の ±{0:g} % 以内です。</translation>
        </message>
        <message>
            <source>OUTSIDE ±{0:g} %: no stocked combination is close enough — a pharmacist must decide.</source>
            <translation>±{0:g} % の範囲外：在庫の組み合わせでは近づけられません — 薬剤師の判断が必要です。</translation>
        </message>
        <message>
            <source>{0} subcutaneously, {1}: {2} (apheresis {3})</source>
            <translation>{0} 皮下注、{1}：{2}（アフェレシス {3}）</translation>
        </message>
        <message>
            <source>twice daily</source>
            <translation>1日2回</translation>
        </message>
        <message>
            <source>Enter the planned apheresis date for the course dates.</source>
            <translation>投与日を決めるため、アフェレシス予定日を入力してください。</translation>
        </message>
        <message>
            <source> · prescribed by {0}</source>
            <translation> · 処方者 {0}</translation>
        </message>
        <message>
            <source> · verified by {0}</source>
            <translation> · 鑑査者 {0}</translation>
        </message>
        <message>
            <source>Prescribing needs a height and a weight that give an order.</source>
            <translation>処方には、指示を計算できる身長と体重が必要です。</translation>
        </message>
        <message>
            <source>This order is on file; change the measurements or course to re-prescribe.</source>
            <translation>この指示は登録済みです。再処方するには測定値または投与期間を変更してください。</translation>
        </message>
        <message>
            <source>Tick the label cautions once you have asked about them, then prescribe.</source>
            <translation>添付文書の注意事項を確認してチェックしてから処方してください。</translation>
        </message>
        <message>
            <source>Re-&amp;prescribe…</source>
            <translation>再処方(&amp;P)…</translation>
        </message>
        <message>
            <source>The order on file is {0}: nothing to verify.</source>
            <translation>登録済みの指示は{0}です：鑑査するものはありません。</translation>
        </message>
    </context>
    <context>
        <name>DosingTab</name>
        <message>
            <source>typed before, not prescribed</source>
            <translation>以前の入力（未処方）</translation>
        </message>
        <message>
            <source>Weight now {0:g} kg, {1:+.1f} % from the {2:g} kg this order used: RE-CALCULATE the order.</source>
            <translation>現在の体重 {0:g} kg は、この指示の {2:g} kg から {1:+.1f} %：指示を再計算してください。</translation>
        </message>
        <message>
            <source>WBC {0:g}/mm³ during the course: {1} the filgrastim dose (label: reduce at {2:g}, stop at {3:g}/mm³).</source>
            <translation>投与期間中の白血球数 {0:g}/mm³：フィルグラスチムを{1}（添付文書：{2:g} で減量、{3:g}/mm³ で中止）。</translation>
        </message>
        <message>
            <source>not prescribed</source>
            <translation>未処方</translation>
        </message>
        <message>
            <source>the latest stored measurements</source>
            <translation>最新の登録済み測定値</translation>
        </message>
        <message>
            <source>Replace the order</source>
            <translation>指示の差し替え</translation>
        </message>
        <message>
            <source>This patient has a {0} order. Why is it being replaced? It will be cancelled.</source>
            <translation>この患者には{0}の指示があります。差し替える理由は？ 現在の指示は取り消されます。</translation>
        </message>
        <message>
            <source>Filgrastim order for {0}: {1:.1f} µg/day</source>
            <translation>{0} のフィルグラスチム指示：{1:.1f} µg/日</translation>
        </message>
        <message>
            <source>prescribed</source>
            <translation>処方済み</translation>
        </message>
    </context>
    <context>
        <name>DueNowModel</name>
        <message>
            <source>G-CSF dose</source>
            <translation>G-CSF 投与</translation>
        </message>
        <message>
            <source>apheresis</source>
            <translation>アフェレシス</translation>
        </message>
        <message>
            <source>medium added</source>
            <translation>培地添加</translation>
        </message>
        <message>
            <source>medium changed</source>
            <translation>培地交換</translation>
        </message>
        <message>
            <source>IL-12</source>
            <translation>IL-12</translation>
        </message>
        <message>
            <source>IL-2</source>
            <translation>IL-2</translation>
        </message>
        <message>
            <source>infusion</source>
            <translation>細胞投与</translation>
        </message>
        <message>
            <source>follow-up</source>
            <translation>フォローアップ</translation>
        </message>
        <message>
            <source>Study ID</source>
            <translation>研究 ID</translation>
        </message>
        <message>
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>When</source>
            <translation>時刻</translation>
        </message>
        <message>
            <source>Alert not acknowledged: {0}</source>
            <translation>アラート未確認：{0}</translation>
        </message>
        <message>
            <source>Vital signs: {0}</source>
            <translation>バイタルサイン：{0}</translation>
        </message>
        <message>
            <source>Before infusion</source>
            <translation>投与前</translation>
        </message>
        <message>
            <source>{0} h after start</source>
            <translation>開始{0}時間後</translation>
        </message>
        <message>
            <source>{0} min after start</source>
            <translation>開始{0}分後</translation>
        </message>
        <message>
            <source>since {0}</source>
            <translation>{0} から</translation>
        </message>
        <message>
            <source>{0} — {1} min late</source>
            <translation>{0} — {1}分遅れ</translation>
        </message>
        <message>
            <source>overdue since {0}</source>
            <translation>{0} から期限超過</translation>
        </message>
        <message>
            <source>today</source>
            <translation>本日</translation>
        </message>
    </context>
    <context>
        <name>EligibilityTab</name>
        <message>
            <source>&amp;Re-open with a reason…</source>
            <translation>理由を記載して再開(&amp;R)…</translation>
        </message>
        <message>
            <source>Discard &amp;draft…</source>
            <translation>下書きを破棄(&amp;D)…</translation>
        </message>
        <message>
            <source>Throw away what was typed and not saved (recorded, with your reason)</source>
            <translation>入力して未保存の内容を破棄します（理由とともに記録されます）</translation>
        </message>
        <message>
            <source>Replace what is typed for: {0}</source>
            <translation>入力済みの値を置き換えます：{0}</translation>
        </message>
        <message>
            <source>Not in that lab set, kept as typed (check they are of the same date): {0}</source>
            <translation>この検査値にない項目は入力のまま残ります（同じ採取日か確認してください）：{0}</translation>
        </message>
        <message>
            <source>Fill from the lab set</source>
            <translation>検査値から入力</translation>
        </message>
        <message>
            <source>Filled from the lab set of {0} (Labs tab).</source>
            <translation>{0} の検査値（［検査値］タブ）から入力しました。</translation>
        </message>
        <message>
            <source>Not in that set: {0}</source>
            <translation>この検査値にない項目：{0}</translation>
        </message>
        <message>
            <source>  SIGNATURE BROKEN: the record changed after signing</source>
            <translation>  署名無効：署名後に記録が変更されました</translation>
        </message>
        <message>
            <source>Signed ({0}){1}. Read-only.{2}</source>
            <translation>署名済み（{0}）{1}。読み取り専用。{2}</translation>
        </message>
        <message>
            <source>A draft typed at {0} is kept: re-open to continue from it, or discard it.</source>
            <translation>{0} に入力した下書きが保持されています：開いて続けるか、破棄してください。</translation>
        </message>
        <message>
            <source>draft kept at {0}</source>
            <translation>{0} の下書きを保持</translation>
        </message>
        <message>
            <source>correct the fields marked in red before saving</source>
            <translation>保存前に赤枠の項目を修正してください</translation>
        </message>
        <message>
            <source>restored: save or sign it, or discard it</source>
            <translation>復元しました：保存・署名するか、破棄してください</translation>
        </message>
        <message>
            <source>save or sign to record it</source>
            <translation>記録するには保存または署名してください</translation>
        </message>
        <message>
            <source>not signed yet</source>
            <translation>未署名</translation>
        </message>
        <message>
            <source>New assessment: what you type is kept as a draft; save or sign to record it.</source>
            <translation>新しい評価：入力内容は下書きとして保持されます。記録するには保存または署名してください。</translation>
        </message>
        <message>
            <source>Eligibility assessment of {0}: {1}</source>
            <translation>{0} の適格性確認：{1}</translation>
        </message>
        <message>
            <source>Confirmed by this signature: {0}</source>
            <translation>この署名により確認：{0}</translation>
        </message>
        <message>
            <source>Discard the draft</source>
            <translation>下書きを破棄</translation>
        </message>
        <message>
            <source>Why is what was typed thrown away? It is recorded with your reason.</source>
            <translation>入力内容を破棄する理由は？ 理由とともに記録されます。</translation>
        </message>
        <message>
            <source>Why is the signed assessment being changed? The signed version is kept; the change becomes a new assessment to be signed again.</source>
            <translation>署名済みの評価を変更する理由は？ 署名済みの版は保持され、変更は再署名が必要な新しい評価になります。</translation>
        </message>
        <message>
            <source>Re-open the signed assessment</source>
            <translation>署名済み評価の再開</translation>
        </message>
        <message>
            <source>The verdict is undecided (inputs are missing or in error): it cannot be signed yet.</source>
            <translation>判定が未確定です（入力の不足または誤り）。まだ署名できません。</translation>
        </message>
    </context>
    <context>
        <name>EligibilityWizard</name>
        <message>
            <source>Eligibility verdict</source>
            <translation>適格性の判定</translation>
        </message>
        <message>
            <source>Eligibility cross-check warnings</source>
            <translation>適格性の照合警告</translation>
        </message>
        <message>
            <source>Fill the laboratory values from a recorded lab set</source>
            <translation>登録済みの検査値から入力</translation>
        </message>
        <message>
            <source>Eligibility steps</source>
            <translation>適格性確認の手順</translation>
        </message>
        <message>
            <source>1  Demographics</source>
            <translation>1  基本情報</translation>
        </message>
        <message>
            <source>2  Laboratory</source>
            <translation>2  検査値</translation>
        </message>
        <message>
            <source>3  History</source>
            <translation>3  既往歴</translation>
        </message>
        <message>
            <source>4  Review</source>
            <translation>4  確認</translation>
        </message>
        <message>
            <source>Bac&amp;k</source>
            <translation>戻る(&amp;K)</translation>
        </message>
        <message>
            <source>Ne&amp;xt</source>
            <translation>次へ(&amp;X)</translation>
        </message>
        <message>
            <source>Save assess&amp;ment</source>
            <translation>評価を保存(&amp;M)</translation>
        </message>
        <message>
            <source>Record the assessment as typed (unsigned); until then it is kept as a draft</source>
            <translation>入力どおりに評価を記録します（未署名）。記録するまでは下書きとして保持されます</translation>
        </message>
        <message>
            <source>&amp;Sign assessment…</source>
            <translation>評価に署名(&amp;S)…</translation>
        </message>
        <message>
            <source>Previous step (Ctrl+PgUp)</source>
            <translation>前の手順（Ctrl+PgUp）</translation>
        </message>
        <message>
            <source>Next step (Ctrl+PgDown)</source>
            <translation>次の手順（Ctrl+PgDown）</translation>
        </message>
        <message>
            <source>Fill from a lab set</source>
            <translation>検査値から入力</translation>
        </message>
        <message>
            <source>No lab set is recorded for this patient on the Labs tab</source>
            <translation>この患者の検査値は［検査値］タブにまだ登録されていません</translation>
        </message>
        <message>
            <source>Fill from the lab set of {0}</source>
            <translation>{0} の検査値から入力</translation>
        </message>
        <message>
            <source>Copy the values as entered on the Labs tab, and their sampling date</source>
            <translation>［検査値］タブで入力された値と検体採取日をそのまま写します</translation>
        </message>
        <message>
            <source>The assessment is signed: re-open it to change its values</source>
            <translation>署名済みです。値を変えるには再開してください</translation>
        </message>
        <message>
            <source>{0} ({1})</source>
            <translation>{0}（{1}）</translation>
        </message>
        <message>
            <source>the labs of {0} are dated after the assessment date ({1})</source>
            <translation>{0} の検査値は評価日（{1}）より後の日付です</translation>
        </message>
        <message>
            <source>the labs of {0} are older than the lab window before the assessment date ({1})</source>
            <translation>{0} の検査値は評価日（{1}）前の有効期間より古いものです</translation>
        </message>
        <message>
            <source>Please confirm — {0}</source>
            <translation>確認してください — {0}</translation>
        </message>
        <message>
            <source>Correct the fields marked in red</source>
            <translation>赤枠の項目を修正してください</translation>
        </message>
        <message>
            <source>ELIGIBLE</source>
            <translation>適格</translation>
        </message>
        <message>
            <source>NOT ELIGIBLE</source>
            <translation>不適格</translation>
        </message>
        <message>
            <source>UNDECIDED</source>
            <translation>未確定</translation>
        </message>
        <message>
            <source>failed: {0}</source>
            <translation>不適合：{0}</translation>
        </message>
        <message>
            <source>missing: {0}</source>
            <translation>未入力：{0}</translation>
        </message>
        <message>
            <source>boundary: {0}</source>
            <translation>境界値：{0}</translation>
        </message>
    </context>
    <context>
        <name>Evidence</name>
        <message>
            <source>The audit trail needs your decision</source>
            <translation>監査証跡について判断が必要です</translation>
        </message>
        <message>
            <source>{0}.

If this is a known crash or a restore you checked, say what was investigated: the trail is accepted as it stands (recorded in the audit trail). Cancel to leave the warning for now.</source>
            <translation>{0}。

確認済みの異常終了または復元によるものであれば、調査した内容を記入してください。監査証跡を現状のまま承認します（監査証跡に記録されます）。キャンセルすると警告はそのまま残ります。</translation>
        </message>
        <message>
            <source>AUDIT TRAIL WARNING: {0}. Tell the site's administrator; records can be viewed, but the trail must be checked before it is trusted.</source>
            <translation>監査証跡の警告：{0}。施設の管理者に連絡してください。記録は閲覧できますが、監査証跡を確認するまで信頼しないでください。</translation>
        </message>
        <message>
            <source>Change your password</source>
            <translation>パスワードの変更</translation>
        </message>
        <message>
            <source>An administrator reset your password: enter it once more, then choose your own.</source>
            <translation>管理者がパスワードを再設定しました。もう一度入力してから、ご自身のパスワードを決めてください。</translation>
        </message>
        <message>
            <source>Choose your new password</source>
            <translation>新しいパスワードの設定</translation>
        </message>
        <message>
            <source>At least 10 characters, not easy to guess (a short sentence works well).</source>
            <translation>10文字以上で、推測されにくいもの（短い文がおすすめです）。</translation>
        </message>
        <message>
            <source>Patient opened</source>
            <translation>患者を表示</translation>
        </message>
        <message>
            <source>Form printed</source>
            <translation>帳票を印刷</translation>
        </message>
        <message>
            <source>Export made</source>
            <translation>エクスポート</translation>
        </message>
        <message>
            <source>When</source>
            <translation>時刻</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>利用者</translation>
        </message>
        <message>
            <source>Workstation</source>
            <translation>端末</translation>
        </message>
        <message>
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>患者</translation>
        </message>
        <message>
            <source>Access log</source>
            <translation>閲覧記録</translation>
        </message>
        <message>
            <source>Who read which patients' records, newest first (patient opened, form printed, export made). The log is append-only and chained; `nkdesk verify` checks it.</source>
            <translation>どの利用者がどの患者の記録を読んだか（患者の表示、帳票の印刷、エクスポート）を新しい順に示します。この記録は追記のみで連鎖しており、`nkdesk verify` で検証できます。</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <source>Export the trial's data</source>
            <translation>試験データのエクスポート</translation>
        </message>
        <message>
            <source>Export format</source>
            <translation>エクスポート形式</translation>
        </message>
        <message>
            <source>Output folder</source>
            <translation>出力先フォルダ</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>選択…</translation>
        </message>
        <message>
            <source>Choose the output folder</source>
            <translation>出力先フォルダを選択</translation>
        </message>
        <message>
            <source>Study IDs to export</source>
            <translation>エクスポートする研究 ID</translation>
        </message>
        <message>
            <source>all patients (or study IDs separated by commas)</source>
            <translation>全患者（または研究 ID をカンマ区切りで）</translation>
        </message>
        <message>
            <source>Include free-text clinical notes</source>
            <translation>自由記載の臨床メモを含める</translation>
        </message>
        <message>
            <source>Export progress</source>
            <translation>エクスポートの進行状況</translation>
        </message>
        <message>
            <source>Pseudonymised: study ID only; no names, hospital IDs or birth dates.</source>
            <translation>仮名化：研究 ID のみ。氏名、病院 ID、生年月日は含みません。</translation>
        </message>
        <message>
            <source>Export status</source>
            <translation>エクスポートの状態</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>エクスポート</translation>
        </message>
        <message>
            <source>Start the export</source>
            <translation>エクスポートを開始</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>閉じる</translation>
        </message>
        <message>
            <source>Format</source>
            <translation>形式</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>フォルダ</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>患者</translation>
        </message>
        <message>
            <source>Exporting…</source>
            <translation>エクスポート中…</translation>
        </message>
        <message>
            <source>The export failed; nothing was written: {0}</source>
            <translation>エクスポートに失敗しました。何も書き込まれていません：{0}</translation>
        </message>
        <message>
            <source>{0} patient(s) exported to {1}</source>
            <translation>{0} 人の患者を {1} にエクスポートしました</translation>
        </message>
    </context>
    <context>
        <name>FirstAdministratorDialog</name>
        <message>
            <source>Create the first administrator</source>
            <translation>最初の管理者の作成</translation>
        </message>
        <message>
            <source>This database has no user accounts yet. Create the administrator account; the administrator then adds investigators, pharmacists and nurses.</source>
            <translation>このデータベースにはまだユーザーアカウントがありません。管理者アカウントを作成してください。管理者が試験責任・分担医師、薬剤師、看護師を追加します。</translation>
        </message>
        <message>
            <source>Administrator user name</source>
            <translation>管理者のユーザー名</translation>
        </message>
        <message>
            <source>Administrator full name</source>
            <translation>管理者の氏名</translation>
        </message>
        <message>
            <source>Administrator password</source>
            <translation>管理者のパスワード</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>ユーザー名</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>氏名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>パスワード</translation>
        </message>
    </context>
    <context>
        <name>FormPreview</name>
        <message>
            <source>Print preview — {0}</source>
            <translation>印刷プレビュー — {0}</translation>
        </message>
        <message>
            <source>&amp;Save PDF…</source>
            <translation>PDF を保存(&amp;S)…</translation>
        </message>
        <message>
            <source>Save the form as PDF</source>
            <translation>帳票を PDF で保存</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF ファイル (*.pdf)</translation>
        </message>
    </context>
    <context>
        <name>GridDrafts</name>
        <message>
            <source>the draft could not be kept</source>
            <translation>下書きを保持できませんでした</translation>
        </message>
        <message>
            <source>restored in the {0} row — finish it to save it</source>
            <translation>{0} の行に復元しました — 入力を終えて保存してください</translation>
        </message>
    </context>
    <context>
        <name>GridWords</name>
        <message>
            <source>refused</source>
            <translation>保存不可</translation>
        </message>
        <message>
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>low–medium</source>
            <translation>低〜中</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>&lt;b&gt;{0}: NEWS2 {1} — {2} risk.&lt;/b&gt; {3}. {4}</source>
            <translation>&lt;b&gt;{0}：NEWS2 {1} — リスク{2}。&lt;/b&gt;{3}。{4}</translation>
        </message>
        <message>
            <source>consciousness {0} (not alert)</source>
            <translation>意識レベル {0}（清明でない）</translation>
        </message>
        <message>
            <source>{0} {1:g} {2} (alert outside {3:g}–{4:g})</source>
            <translation>{0} {1:g} {2}（{3:g}–{4:g} の範囲外でアラート）</translation>
        </message>
        <message>
            <source>ALERT {0} ({1}): {2}</source>
            <translation>アラート {0}（{1}）：{2}</translation>
        </message>
        <message>
            <source>Unscheduled</source>
            <translation>予定外</translation>
        </message>
        <message>
            <source>✓ ack. {0}&lt;br/&gt;{1}</source>
            <translation>✓ 確認済み {0}&lt;br/&gt;{1}</translation>
        </message>
        <message>
            <source>⚠ ALERT</source>
            <translation>⚠ アラート</translation>
        </message>
        <message>
            <source>unscheduled</source>
            <translation>予定外</translation>
        </message>
        <message>
            <source>⚠ {0:+d} min:&lt;br/&gt;{1}</source>
            <translation>⚠ {0:+d}分：&lt;br/&gt;{1}</translation>
        </message>
        <message>
            <source>✓ saved</source>
            <translation>✓ 保存済み</translation>
        </message>
        <message>
            <source>{0:+d} min ✓</source>
            <translation>{0:+d}分 ✓</translation>
        </message>
        <message>
            <source>▶ DUE {0} (+{1} min)</source>
            <translation>▶ 予定 {0}（+{1}分）</translation>
        </message>
        <message>
            <source>▶ due {0}</source>
            <translation>▶ 予定 {0}</translation>
        </message>
        <message>
            <source>missed</source>
            <translation>未測定</translation>
        </message>
        <message>
            <source>{0:+d} min</source>
            <translation>{0:+d}分</translation>
        </message>
    </context>
    <context>
        <name>InfusionPage</name>
        <message>
            <source>Add adverse &amp;event…</source>
            <translation>有害事象を追加(&amp;E)…</translation>
        </message>
        <message>
            <source>Cell product</source>
            <translation>細胞製剤</translation>
        </message>
        <message>
            <source>Chart</source>
            <translation>グラフ</translation>
        </message>
        <message>
            <source>Set</source>
            <translation>測定</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>時刻</translation>
        </message>
        <message>
            <source>BP mmHg</source>
            <translation>血圧 mmHg</translation>
        </message>
        <message>
            <source>Pulse /min</source>
            <translation>脈拍 /分</translation>
        </message>
        <message>
            <source>Resp. /min</source>
            <translation>呼吸数 /分</translation>
        </message>
        <message>
            <source>Temp.</source>
            <translation>体温</translation>
        </message>
        <message>
            <source>SpO₂ %</source>
            <translation>SpO₂ %</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>酸素</translation>
        </message>
        <message>
            <source>Vasopressors</source>
            <translation>昇圧薬</translation>
        </message>
        <message>
            <source>ACVPU</source>
            <translation>ACVPU</translation>
        </message>
        <message>
            <source>NEWS2</source>
            <translation>NEWS2</translation>
        </message>
        <message>
            <source>Vital-sign history</source>
            <translation>バイタルサインの履歴</translation>
        </message>
        <message>
            <source>History</source>
            <translation>履歴</translation>
        </message>
        <message>
            <source>Air</source>
            <translation>室内気</translation>
        </message>
        <message>
            <source> + vasopressin</source>
            <translation> ＋バソプレシン</translation>
        </message>
    </context>
    <context>
        <name>InfusionTab</name>
        <message>
            <source>&amp;Prepare this cycle's infusion</source>
            <translation>このサイクルの投与を準備(&amp;P)</translation>
        </message>
        <message>
            <source>No treatment cycle is planned: the infusion screen opens once the calendar is stored.</source>
            <translation>治療サイクルが計画されていません。カレンダーを保存すると投与画面が開きます。</translation>
        </message>
        <message>
            <source>Cycle {0}: no infusion recorded yet.</source>
            <translation>サイクル {0}：投与の記録はまだありません。</translation>
        </message>
        <message>
            <source>not started</source>
            <translation>未開始</translation>
        </message>
        <message>
            <source>Cycle {0} infusion — {1}, {2}</source>
            <translation>サイクル {0} の投与 — {1}、{2}</translation>
        </message>
        <message>
            <source>No filgrastim order is on file for this cycle: prescribe it and have it verified first.</source>
            <translation>このサイクルのフィルグラスチム指示が登録されていません：先に処方し、鑑査を受けてください。</translation>
        </message>
        <message>
            <source>The filgrastim order #{0} is not verified yet: a pharmacist or a second investigator verifies it before the infusion is prepared.</source>
            <translation>フィルグラスチム指示 #{0} は未鑑査です。細胞投与の準備の前に、薬剤師または別の試験責任・分担医師が鑑査します。</translation>
        </message>
        <message>
            <source>Change the cell product record</source>
            <translation>細胞製剤の記録の変更</translation>
        </message>
        <message>
            <source>The infusion has started. Why is the product record changed?</source>
            <translation>投与は開始済みです。製剤の記録を変更する理由は？</translation>
        </message>
        <message>
            <source>Which time point?</source>
            <translation>どの測定時点ですか？</translation>
        </message>
        <message>
            <source>{0}

Save it there? (No: the row stays unsaved; correct the time.)</source>
            <translation>{0}

この時点に保存しますか？（いいえ：行は未保存のままです。時刻を修正してください。）</translation>
        </message>
        <message>
            <source>Save the set first; then its alerts can be acknowledged.</source>
            <translation>先に測定値を保存してください。その後、アラートを確認できます。</translation>
        </message>
        <message>
            <source>Adverse event (CRS proposal: ASTCT grade {0})</source>
            <translation>有害事象（CRS の提案：ASTCT グレード {0}）</translation>
        </message>
    </context>
    <context>
        <name>LabHistoryModel</name>
        <message>
            <source>Reference range: {0} ({1})</source>
            <translation>基準範囲：{0}（{1}）</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>未設定</translation>
        </message>
        <message>
            <source>grade ?</source>
            <translation>グレード ？</translation>
        </message>
        <message>
            <source>grade {0}</source>
            <translation>グレード {0}</translation>
        </message>
    </context>
    <context>
        <name>LabTrendChart</name>
        <message>
            <source>Trend of the chosen lab</source>
            <translation>選択した検査値の推移</translation>
        </message>
        <message>
            <source>No results yet</source>
            <translation>結果はまだありません</translation>
        </message>
        <message>
            <source>LLN</source>
            <translation>基準下限</translation>
        </message>
        <message>
            <source>ULN</source>
            <translation>基準上限</translation>
        </message>
    </context>
    <context>
        <name>LabsTab</name>
        <message>
            <source>The filgrastim label: WBC {wbc_per_mm3:,.0f}/mm³ is at or above {reduce_at_per_mm3:,.0f}/mm³ — reduce the dose (see the Dosing tab).</source>
            <translation>フィルグラスチム添付文書：白血球数 {wbc_per_mm3:,.0f}/mm³ は {reduce_at_per_mm3:,.0f}/mm³ 以上です — 減量してください（投与量タブ参照）。</translation>
        </message>
        <message>
            <source>The filgrastim label: WBC {wbc_per_mm3:,.0f}/mm³ is at or above {stop_at_per_mm3:,.0f}/mm³ — stop filgrastim (see the Dosing tab).</source>
            <translation>フィルグラスチム添付文書：白血球数 {wbc_per_mm3:,.0f}/mm³ は {stop_at_per_mm3:,.0f}/mm³ 以上です — フィルグラスチムを中止してください（投与量タブ参照）。</translation>
        </message>
        <message>
            <source>Enter a lab set</source>
            <translation>検査値の入力</translation>
        </message>
        <message>
            <source>History and trends</source>
            <translation>履歴と推移</translation>
        </message>
        <message>
            <source>Date the sample was taken</source>
            <translation>検体採取日</translation>
        </message>
        <message>
            <source>e.g. 2026-12-06 or 2026/12/6</source>
            <translation>例：2026-12-06 または 2026/12/6</translation>
        </message>
        <message>
            <source>Note on the lab set</source>
            <translation>検査セットのメモ</translation>
        </message>
        <message>
            <source>optional, e.g. haemolysed</source>
            <translation>任意（例：溶血）</translation>
        </message>
        <message>
            <source>Sampled on</source>
            <translation>採取日</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>メモ</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>検査項目</translation>
        </message>
        <message>
            <source>Value and unit</source>
            <translation>値と単位</translation>
        </message>
        <message>
            <source>Reference range</source>
            <translation>基準範囲</translation>
        </message>
        <message>
            <source>CTCAE v5.0 grade</source>
            <translation>CTCAE v5.0 グレード</translation>
        </message>
        <message>
            <source>&amp;Save lab set</source>
            <translation>検査値を保存(&amp;S)</translation>
        </message>
        <message>
            <source>Lab history</source>
            <translation>検査値の履歴</translation>
        </message>
        <message>
            <source>Lab shown in the trend</source>
            <translation>推移を表示する検査項目</translation>
        </message>
        <message>
            <source>Calcium under 1.5 mmol/L (6.0 mg/dL) as total calcium would be grade 4: was it ionised calcium? You will be asked when you save.</source>
            <translation>カルシウム 1.5 mmol/L（6.0 mg/dL）未満は総カルシウムならグレード 4 です：イオン化カルシウムですか？ 保存時に確認します。</translation>
        </message>
        <message>
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>within range</source>
            <translation>基準範囲内</translation>
        </message>
        <message>
            <source>{0}; {1}: grade to decide</source>
            <translation>{0}；{1}：グレード要判断</translation>
        </message>
        <message>
            <source>{0}; {1} grade {2}</source>
            <translation>{0}；{1} グレード {2}</translation>
        </message>
        <message>
            <source>Type at least one result before saving the lab set.</source>
            <translation>検査値を保存する前に、結果を 1 つ以上入力してください。</translation>
        </message>
        <message>
            <source>Was it ionised calcium?</source>
            <translation>イオン化カルシウムですか？</translation>
        </message>
        <message>
            <source>Calcium {0} is below 1.5 mmol/L (6.0 mg/dL).
As total calcium it is grade 4 hypocalcaemia;
ionised calcium around 1 mmol/L is common during apheresis (citrate).
Which was measured?</source>
            <translation>カルシウム {0} は 1.5 mmol/L（6.0 mg/dL）未満です。
総カルシウムならグレード 4 の低カルシウム血症です。
アフェレシス中はイオン化カルシウム 1 mmol/L 前後がよくみられます（クエン酸）。
どちらを測定しましたか？</translation>
        </message>
        <message>
            <source>Ionised calcium (blood gas analyser)</source>
            <translation>イオン化カルシウム（血液ガス分析装置）</translation>
        </message>
        <message>
            <source>Total calcium (serum chemistry)</source>
            <translation>総カルシウム（血清生化学）</translation>
        </message>
        <message>
            <source>Saved the lab set of {0} ({1} results).</source>
            <translation>{0} の検査値を保存しました（{1} 項目）。</translation>
        </message>
        <message>
            <source>grade ?</source>
            <translation>グレード ？</translation>
        </message>
        <message>
            <source>grade {0}</source>
            <translation>グレード {0}</translation>
        </message>
        <message>
            <source>Proposed as adverse events, to review on the Adverse events tab: {0}.</source>
            <translation>有害事象として提案（有害事象タブで確認してください）：{0}。</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>NKDesk</source>
            <translation>NKDesk</translation>
        </message>
        <message>
            <source>NKDesk is starting…</source>
            <translation>NKDesk を起動しています…</translation>
        </message>
        <message>
            <source>&amp;Sign in…</source>
            <translation>サインイン(&amp;S)…</translation>
        </message>
        <message>
            <source>Not signed in</source>
            <translation>サインインしていません</translation>
        </message>
        <message>
            <source>Database: {0}</source>
            <translation>データベース：{0}</translation>
        </message>
        <message>
            <source>Last backup: none</source>
            <translation>最終バックアップ：なし</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>ファイル(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;New patient…</source>
            <translation>新規患者(&amp;N)…</translation>
        </message>
        <message>
            <source>&amp;Print form…</source>
            <translation>帳票を印刷(&amp;P)…</translation>
        </message>
        <message>
            <source>&amp;Back up now</source>
            <translation>今すぐバックアップ(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Export…</source>
            <translation>エクスポート(&amp;E)…</translation>
        </message>
        <message>
            <source>&amp;Access log…</source>
            <translation>アクセスログ(&amp;A)…</translation>
        </message>
        <message>
            <source>&amp;Restore from backup…</source>
            <translation>バックアップから復元(&amp;R)…</translation>
        </message>
        <message>
            <source>&amp;Lock</source>
            <translation>ロック(&amp;L)</translation>
        </message>
        <message>
            <source>Sign &amp;out</source>
            <translation>サインアウト(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>終了(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>表示(&amp;V)</translation>
        </message>
        <message>
            <source>Patient &amp;list</source>
            <translation>患者一覧(&amp;L)</translation>
        </message>
        <message>
            <source>Larger text</source>
            <translation>文字を大きく</translation>
        </message>
        <message>
            <source>Smaller text</source>
            <translation>文字を小さく</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>言語(&amp;L)</translation>
        </message>
        <message>
            <source>The database cannot be opened.

{0}</source>
            <translation>データベースを開けません。

{0}</translation>
        </message>
        <message>
            <source>NKDesk — sign in to begin</source>
            <translation>NKDesk — サインインして開始</translation>
        </message>
        <message>
            <source>Sign in to NKDesk</source>
            <translation>NKDesk にサインイン</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>サインイン中…</translation>
        </message>
        <message>
            <source>Signed in: {0} ({1})</source>
            <translation>サインイン中：{0}（{1}）</translation>
        </message>
        <message>
            <source>Signed out. Sign in to continue.</source>
            <translation>サインアウトしました。続けるにはサインインしてください。</translation>
        </message>
        <message>
            <source>Locked — {0} is signed in.</source>
            <translation>ロック中 — {0} がサインインしています。</translation>
        </message>
        <message>
            <source>Locked. {0}, enter your password to continue.</source>
            <translation>ロック中です。{0} さん、続けるにはパスワードを入力してください。</translation>
        </message>
        <message>
            <source>Unlock NKDesk</source>
            <translation>NKDesk のロック解除</translation>
        </message>
        <message>
            <source>Locked after inactivity. {0}, enter your password to continue.</source>
            <translation>操作がなかったためロックしました。{0} さん、続けるにはパスワードを入力してください。</translation>
        </message>
        <message>
            <source>Eligibility checklist</source>
            <translation>適格性確認チェックリスト</translation>
        </message>
        <message>
            <source>Filgrastim dose order</source>
            <translation>フィルグラスチム投与指示書</translation>
        </message>
        <message>
            <source>Treatment calendar</source>
            <translation>治療カレンダー</translation>
        </message>
        <message>
            <source>Infusion vital-signs record</source>
            <translation>細胞投与時バイタルサイン記録</translation>
        </message>
        <message>
            <source>Adverse-event log</source>
            <translation>有害事象一覧</translation>
        </message>
        <message>
            <source>Patient summary</source>
            <translation>患者サマリー</translation>
        </message>
        <message>
            <source>Change patient details</source>
            <translation>患者情報の変更</translation>
        </message>
        <message>
            <source>Why are these details changed?</source>
            <translation>この情報を変更する理由は？</translation>
        </message>
        <message>
            <source>Choose a patient first: forms are printed for one patient.</source>
            <translation>先に患者を選択してください。帳票は患者ごとに印刷します。</translation>
        </message>
        <message>
            <source>Print a form</source>
            <translation>帳票の印刷</translation>
        </message>
        <message>
            <source>Which form for {0}?</source>
            <translation>{0} のどの帳票を印刷しますか？</translation>
        </message>
        <message>
            <source>Backing up…</source>
            <translation>バックアップ中…</translation>
        </message>
        <message>
            <source>The {0} backup failed: {1}</source>
            <translation>{0} のバックアップに失敗しました：{1}</translation>
        </message>
        <message>
            <source>Backed up to {0}</source>
            <translation>{0} にバックアップしました</translation>
        </message>
        <message>
            <source>Last backup: {0}</source>
            <translation>最終バックアップ：{0}</translation>
        </message>
    </context>
    <context>
        <name>MoveEditor</name>
        <message>
            <source>New date</source>
            <translation>新しい日付</translation>
        </message>
        <message>
            <source>Reason for moving</source>
            <translation>変更の理由</translation>
        </message>
        <message>
            <source>Why is this event moved?</source>
            <translation>この予定の日付を変更する理由は？</translation>
        </message>
        <message>
            <source>Move</source>
            <translation>変更</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>閉じる</translation>
        </message>
        <message>
            <source>Close; what is typed is kept as a draft</source>
            <translation>閉じる（入力内容は下書きとして保存されます）</translation>
        </message>
        <message>
            <source>Discard draft…</source>
            <translation>下書きを破棄…</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>Move {0} (cycle {1}), planned {2}</source>
            <translation>{0}（サイクル {1}、予定 {2}）の日程変更</translation>
        </message>
        <message>
            <source>typed before, not moved</source>
            <translation>以前の入力、未変更</translation>
        </message>
        <message>
            <source>Discard the draft</source>
            <translation>下書きを破棄</translation>
        </message>
        <message>
            <source>Why is the move typed here thrown away?</source>
            <translation>ここで入力した日程変更を破棄する理由は？</translation>
        </message>
    </context>
    <context>
        <name>OverviewTab</name>
        <message>
            <source>Study ID</source>
            <translation>研究 ID</translation>
        </message>
        <message>
            <source>Initials</source>
            <translation>イニシャル</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>生年月日</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性別</translation>
        </message>
        <message>
            <source>Hospital ID</source>
            <translation>病院 ID</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>プロトコル</translation>
        </message>
        <message>
            <source>Discontinuation / suspension</source>
            <translation>中止／休止</translation>
        </message>
        <message>
            <source>&amp;Edit details…</source>
            <translation>情報を編集(&amp;E)…</translation>
        </message>
        <message>
            <source>Laboratory results</source>
            <translation>検査結果</translation>
        </message>
        <message>
            <source>Sampled</source>
            <translation>採取日</translation>
        </message>
        <message>
            <source>Test</source>
            <translation>検査項目</translation>
        </message>
        <message>
            <source>As entered</source>
            <translation>入力値</translation>
        </message>
        <message>
            <source>Converted</source>
            <translation>換算値</translation>
        </message>
        <message>
            <source>{0} on {1} ({2})</source>
            <translation>{1} {0}（{2}）</translation>
        </message>
    </context>
    <context>
        <name>PatientDialog</name>
        <message>
            <source>Edit patient</source>
            <translation>患者情報の編集</translation>
        </message>
        <message>
            <source>New patient</source>
            <translation>新規患者</translation>
        </message>
        <message>
            <source>Study ID</source>
            <translation>研究 ID</translation>
        </message>
        <message>
            <source>Initials</source>
            <translation>イニシャル</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>生年月日</translation>
        </message>
        <message>
            <source>e.g. 1958-03-07 or 1958/3/7</source>
            <translation>例：1958-03-07 または 1958/3/7</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性別</translation>
        </message>
        <message>
            <source>Hospital ID</source>
            <translation>病院 ID</translation>
        </message>
        <message>
            <source>Discard &amp;draft…</source>
            <translation>下書きを破棄(&amp;D)…</translation>
        </message>
        <message>
            <source>Discard the patient details draft</source>
            <translation>患者情報の下書きを破棄</translation>
        </message>
        <message>
            <source>typed before, not saved</source>
            <translation>以前の入力、未保存</translation>
        </message>
        <message>
            <source>Please correct the {0} problems shown.</source>
            <translation>表示された {0} 件の問題を修正してください。</translation>
        </message>
        <message>
            <source>Please correct the problem shown.</source>
            <translation>表示された問題を修正してください。</translation>
        </message>
    </context>
    <context>
        <name>PatientDraft</name>
        <message>
            <source>Discard the draft</source>
            <translation>下書きを破棄</translation>
        </message>
        <message>
            <source>Why are the patient details typed here thrown away?</source>
            <translation>ここで入力した患者情報を破棄する理由は？</translation>
        </message>
    </context>
    <context>
        <name>PatientTableModel</name>
        <message>
            <source>Study ID</source>
            <translation>研究 ID</translation>
        </message>
        <message>
            <source>Initials</source>
            <translation>イニシャル</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Next due</source>
            <translation>次の予定</translation>
        </message>
        <message>
            <source>Hospital ID</source>
            <translation>病院 ID</translation>
        </message>
        <message>
            <source>{0} overdue, {1} due today</source>
            <translation>期限超過 {0} 件、本日予定 {1} 件</translation>
        </message>
        <message>
            <source>overdue: {0}</source>
            <translation>期限超過：{0}</translation>
        </message>
    </context>
    <context>
        <name>PatientView</name>
        <message>
            <source>Choose a patient from the list</source>
            <translation>一覧から患者を選択してください</translation>
        </message>
        <message>
            <source>&amp;Overview</source>
            <translation>概要(&amp;O)</translation>
        </message>
        <message>
            <source>E&amp;ligibility</source>
            <translation>適格性(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Dosing</source>
            <translation>投与量(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Calendar</source>
            <translation>カレンダー(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Infusion</source>
            <translation>投与(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Adverse events</source>
            <translation>有害事象(&amp;A)</translation>
        </message>
        <message>
            <source>La&amp;bs</source>
            <translation>検査値(&amp;B)</translation>
        </message>
    </context>
    <context>
        <name>PatientsPanel</name>
        <message>
            <source>Search patients</source>
            <translation>患者を検索</translation>
        </message>
        <message>
            <source>Study ID, initials or hospital ID</source>
            <translation>研究 ID、イニシャル、病院 ID</translation>
        </message>
        <message>
            <source>Any part of the study ID, initials or hospital ID, as you type. Down: into the list; Enter: open; Escape: clear</source>
            <translation>研究 ID・イニシャル・病院 ID の一部を入力すると絞り込みます。↓：一覧へ、Enter：開く、Esc：クリア</translation>
        </message>
        <message>
            <source>&amp;New patient…</source>
            <translation>新規患者(&amp;N)…</translation>
        </message>
        <message>
            <source>Show patients in this state</source>
            <translation>この状態の患者を表示</translation>
        </message>
        <message>
            <source>Every state</source>
            <translation>すべての状態</translation>
        </message>
        <message>
            <source>Show patients with something due</source>
            <translation>予定のある患者を表示</translation>
        </message>
        <message>
            <source>Anything due</source>
            <translation>すべての予定</translation>
        </message>
        <message>
            <source>Due today</source>
            <translation>本日予定</translation>
        </message>
        <message>
            <source>Overdue</source>
            <translation>期限超過</translation>
        </message>
        <message>
            <source>Patients shown</source>
            <translation>表示中の患者</translation>
        </message>
        <message>
            <source>Patients</source>
            <translation>患者</translation>
        </message>
        <message>
            <source>Due now</source>
            <translation>今やること</translation>
        </message>
        <message>
            <source>Due now: {0}</source>
            <translation>今やること：{0}</translation>
        </message>
        <message>
            <source>{0} of {1}</source>
            <translation>{0} / {1}</translation>
        </message>
    </context>
    <context>
        <name>QuantityField</name>
        <message>
            <source>{0} value</source>
            <translation>{0} の値</translation>
        </message>
        <message>
            <source>number</source>
            <translation>数値</translation>
        </message>
        <message>
            <source>{0} unit</source>
            <translation>{0} の単位</translation>
        </message>
    </context>
    <context>
        <name>ReasonDialog</name>
        <message>
            <source>Reason for the change</source>
            <translation>変更の理由</translation>
        </message>
    </context>
    <context>
        <name>Restore</name>
        <message>
            <source>Restore from backup</source>
            <translation>バックアップから復元</translation>
        </message>
        <message>
            <source>Restoring replaces the database {0} with a backup. The database as it is now is kept as a backup first.</source>
            <translation>復元すると、データベース {0} をバックアップで置き換えます。現在のデータベースは先にバックアップとして保存します。</translation>
        </message>
        <message>
            <source>Backups</source>
            <translation>バックアップ</translation>
        </message>
        <message>
            <source>Taken</source>
            <translation>作成日時</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>種類</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>サイズ</translation>
        </message>
        <message>
            <source>Verified</source>
            <translation>検証済み</translation>
        </message>
        <message>
            <source>Audit rows</source>
            <translation>監査記録数</translation>
        </message>
        <message>
            <source>Manifest</source>
            <translation>マニフェスト</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>はい</translation>
        </message>
        <message>
            <source>no</source>
            <translation>いいえ</translation>
        </message>
        <message>
            <source>file missing or changed</source>
            <translation>ファイルがない、または変更あり</translation>
        </message>
        <message>
            <source>Backup file</source>
            <translation>バックアップファイル</translation>
        </message>
        <message>
            <source>choose a backup above, or another file</source>
            <translation>上のバックアップ、または別のファイルを選択</translation>
        </message>
        <message>
            <source>Other file…</source>
            <translation>別のファイル…</translation>
        </message>
        <message>
            <source>Choose another backup file</source>
            <translation>別のバックアップファイルを選択</translation>
        </message>
        <message>
            <source>&amp;Check this backup</source>
            <translation>このバックアップを確認(&amp;C)</translation>
        </message>
        <message>
            <source>Check this backup</source>
            <translation>このバックアップを確認</translation>
        </message>
        <message>
            <source>Choose a backup, then check it.</source>
            <translation>バックアップを選び、確認してください。</translation>
        </message>
        <message>
            <source>What the check found</source>
            <translation>確認結果</translation>
        </message>
        <message>
            <source>Records that would be lost</source>
            <translation>失われる記録</translation>
        </message>
        <message>
            <source>Table</source>
            <translation>テーブル</translation>
        </message>
        <message>
            <source>Patient</source>
            <translation>患者</translation>
        </message>
        <message>
            <source>Records</source>
            <translation>記録数</translation>
        </message>
        <message>
            <source>This is a backup of another database: replace this database with it anyway</source>
            <translation>別のデータベースのバックアップです。それでもこのデータベースを置き換える</translation>
        </message>
        <message>
            <source>Restore another database's backup</source>
            <translation>別のデータベースのバックアップを復元</translation>
        </message>
        <message>
            <source>Why may these records be lost? (recorded in the audit trail)</source>
            <translation>これらの記録を失ってよい理由（監査証跡に記録）</translation>
        </message>
        <message>
            <source>Reason for losing the records</source>
            <translation>記録を失う理由</translation>
        </message>
        <message>
            <source>&amp;Restore…</source>
            <translation>復元(&amp;R)…</translation>
        </message>
        <message>
            <source>Restore this backup</source>
            <translation>このバックアップを復元</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>キャンセル</translation>
        </message>
        <message>
            <source>NKDesk backups (*.sqlite3);;All files (*)</source>
            <translation>NKDesk バックアップ (*.sqlite3);;すべてのファイル (*)</translation>
        </message>
        <message>
            <source>Checking {0} (the full verify)…</source>
            <translation>{0} を確認中（完全検証）…</translation>
        </message>
        <message>
            <source>The check failed: {0}</source>
            <translation>確認できませんでした: {0}</translation>
        </message>
        <message>
            <source>This backup cannot be restored: {0}</source>
            <translation>このバックアップは復元できません: {0}</translation>
        </message>
        <message>
            <source>This backup passes the full verify ({0} audit rows).</source>
            <translation>このバックアップは完全検証に合格しました（監査記録 {0} 件）。</translation>
        </message>
        <message>
            <source>It is a backup of ANOTHER database (another instance).</source>
            <translation>これは【別の】データベース（別インスタンス）のバックアップです。</translation>
        </message>
        <message>
            <source>Restoring it would lose {0} record(s) that this database holds and the backup does not:</source>
            <translation>復元すると、このデータベースにありバックアップにない記録 {0} 件が失われます:</translation>
        </message>
        <message>
            <source>Nothing this database holds would be lost.</source>
            <translation>このデータベースの記録は失われません。</translation>
        </message>
        <message>
            <source>Replace the database with {0}?

NKDesk closes the database, keeps a copy of it in the backups folder, and puts the backup in its place. Everyone signs in again afterwards.</source>
            <translation>データベースを {0} で置き換えますか？

NKDesk はデータベースを閉じ、その複製をバックアップフォルダに保存してから、バックアップと置き換えます。その後、全員が再度サインインします。</translation>
        </message>
        <message>
            <source>Nothing was restored: {0}</source>
            <translation>復元していません: {0}</translation>
        </message>
        <message>
            <source>The database cannot be opened.

{0}</source>
            <translation>データベースを開けません。

{0}</translation>
        </message>
        <message>
            <source>Nothing was restored: {0}

Sign in to continue.</source>
            <translation>復元していません: {0}

続けるにはサインインしてください。</translation>
        </message>
        <message>
            <source>Restored from {0}.</source>
            <translation>{0} から復元しました。</translation>
        </message>
        <message>
            <source>The database it replaced was kept: {0}</source>
            <translation>置き換えたデータベースの保存先: {0}</translation>
        </message>
        <message>
            <source>Sign in to continue.</source>
            <translation>続けるにはサインインしてください。</translation>
        </message>
        <message>
            <source>The database {0} is damaged and was not opened:
{1}</source>
            <translation>データベース {0} は破損しているため開きませんでした:
{1}</translation>
        </message>
        <message>
            <source>The last good backup (it passed the full verify when it was taken) is from {0}:
{1}</source>
            <translation>最後の正常なバックアップ（作成時に完全検証に合格）は {0} のものです:
{1}</translation>
        </message>
        <message>
            <source>No verified backup of it was found in {0}. Ask the site's administrator or IT.</source>
            <translation>{0} に検証済みのバックアップがありません。施設の管理者または IT 担当に連絡してください。</translation>
        </message>
        <message>
            <source>Restore the last good backup ({0}, {1})</source>
            <translation>最後の正常なバックアップを復元（{0}、{1}）</translation>
        </message>
        <message>
            <source>Restore the last good backup</source>
            <translation>最後の正常なバックアップを復元</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>終了(&amp;Q)</translation>
        </message>
        <message>
            <source>Quit NKDesk</source>
            <translation>NKDesk を終了</translation>
        </message>
        <message>
            <source>Replace the damaged database {0} with the backup of {1}?

{2}

The damaged file is kept, byte for byte, in the backups folder.</source>
            <translation>破損したデータベース {0} を {1} のバックアップで置き換えますか？

{2}

破損したファイルはそのままバックアップフォルダに保存します。</translation>
        </message>
        <message>
            <source>Restoring it would lose these records of the damaged database:
{0}

Why may they be lost? (recorded in the audit trail)</source>
            <translation>復元すると、破損したデータベースの次の記録が失われます:
{0}

失ってよい理由（監査証跡に記録）:</translation>
        </message>
        <message>
            <source>The damaged database was kept: {0}</source>
            <translation>破損したデータベースの保存先: {0}</translation>
        </message>
    </context>
    <context>
        <name>SafetyBanner</name>
        <message>
            <source>{0} ({1:%H:%M}): {2}</source>
            <translation>{0}（{1:%H:%M}）：{2}</translation>
        </message>
        <message>
            <source>{0} vital-sign set(s) with alerts not yet acknowledged — {1}. See the Infusion tab.</source>
            <translation>未確認のアラートがあるバイタルサイン {0} 件 — {1}。投与タブを確認してください。</translation>
        </message>
        <message>
            <source>day 0 {0}</source>
            <translation>起算日 {0}</translation>
        </message>
        <message>
            <source>day 0 not recorded: counted from the onset {0}</source>
            <translation>起算日の記録なし：発現日 {0} から起算</translation>
        </message>
        <message>
            <source>REPORT PROMPTLY — {0}: serious {1} (onset {2:%Y-%m-%d}), {3}. Report to {4}: {5} (by {6}; {7}). Law: {8}. Protocol: "{9}"</source>
            <translation>疾病等報告 — {0}：重篤な{1}（発現 {2:%Y-%m-%d}）、{3}。報告先：{4}（{5}、期限 {6}、{7}）。根拠：{8}。プロトコル：「{9}」</translation>
        </message>
        <message>
            <source>Report made…</source>
            <translation>報告済みを記録…</translation>
        </message>
        <message>
            <source>{0} (onset {1:%Y-%m-%d}): {2}</source>
            <translation>{0}（発現 {1:%Y-%m-%d}）：{2}</translation>
        </message>
        <message>
            <source>{0} adverse event(s) incomplete — {1}. Complete them on the Adverse events tab.</source>
            <translation>未完了の有害事象 {0} 件 — {1}。有害事象タブで入力を完了してください。</translation>
        </message>
        <message>
            <source>Stop rule: {0}. The protocol calls for discontinuation or suspension: an investigator decides.</source>
            <translation>中止基準：{0}。プロトコルでは中止または休止とします。試験責任・分担医師が判断します。</translation>
        </message>
        <message>
            <source>Decide…</source>
            <translation>判断…</translation>
        </message>
        <message>
            <source>Treatment SUSPENDED since {0} ({1}).</source>
            <translation>{0} から治療を休止中（{1}）。</translation>
        </message>
        <message>
            <source>Lift…</source>
            <translation>休止を解除…</translation>
        </message>
        <message>
            <source>Prompt report</source>
            <translation>速やかな報告</translation>
        </message>
        <message>
            <source>Record that a report on this serious {0} was sent today — to whom?</source>
            <translation>この重篤な{0}の報告を本日送付したことを記録します — 報告先は？</translation>
        </message>
        <message>
            <source>The certified committee for regenerative medicine</source>
            <translation>認定再生医療等委員会</translation>
        </message>
        <message>
            <source>The Ministry of Health, Labour and Welfare (MHLW)</source>
            <translation>厚生労働大臣（厚生労働省）</translation>
        </message>
        <message>
            <source>Stop rule</source>
            <translation>中止基準</translation>
        </message>
        <message>
            <source>{0}: what does the investigator decide?</source>
            <translation>{0}：試験責任・分担医師の判断は？</translation>
        </message>
        <message>
            <source>Discontinue protocol treatment</source>
            <translation>プロトコル治療を中止</translation>
        </message>
        <message>
            <source>Suspend protocol treatment</source>
            <translation>プロトコル治療を休止</translation>
        </message>
        <message>
            <source>Neither: dismiss the proposal (with a reason)</source>
            <translation>いずれもしない：提案を却下（理由を記載）</translation>
        </message>
        <message>
            <source>Dismiss the stop proposal</source>
            <translation>中止の提案を却下</translation>
        </message>
        <message>
            <source>Why is treatment continued?</source>
            <translation>治療を継続する理由は？</translation>
        </message>
        <message>
            <source>Protocol treatment of {0}</source>
            <translation>{0} のプロトコル治療</translation>
        </message>
        <message>
            <source>Lift the suspension</source>
            <translation>休止の解除</translation>
        </message>
        <message>
            <source>Why is protocol treatment resumed?</source>
            <translation>プロトコル治療を再開する理由は？</translation>
        </message>
    </context>
    <context>
        <name>SaveState</name>
        <message>
            <source>Save state</source>
            <translation>保存状態</translation>
        </message>
        <message>
            <source>Saved at {0}</source>
            <translation>{0} に保存済み</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>保存済み</translation>
        </message>
        <message>
            <source>Unsaved</source>
            <translation>未保存</translation>
        </message>
        <message>
            <source>Unsaved — draft kept at {0}</source>
            <translation>未保存 — {0} に下書きを保持</translation>
        </message>
        <message>
            <source>Unsaved — draft kept</source>
            <translation>未保存 — 下書きを保持</translation>
        </message>
        <message>
            <source>Has problems: not saved</source>
            <translation>問題あり：未保存</translation>
        </message>
    </context>
    <context>
        <name>SignatureDialog</name>
        <message>
            <source>Sign electronically</source>
            <translation>電子署名</translation>
        </message>
        <message>
            <source>&lt;b&gt;{0}&lt;/b&gt;&lt;br/&gt;Record: {1}&lt;br/&gt;&lt;br/&gt;By entering your password you sign this record electronically. Meaning of the signature: &lt;b&gt;{2}&lt;/b&gt;.</source>
            <translation>&lt;b&gt;{0}&lt;/b&gt;&lt;br/&gt;記録：{1}&lt;br/&gt;&lt;br/&gt;パスワードを入力すると、この記録に電子署名します。署名の意味：&lt;b&gt;{2}&lt;/b&gt;。</translation>
        </message>
        <message>
            <source>Signer's user name</source>
            <translation>署名者のユーザー名</translation>
        </message>
        <message>
            <source>Signer's password</source>
            <translation>署名者のパスワード</translation>
        </message>
        <message>
            <source>Decision note</source>
            <translation>判断の記録</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>ユーザー名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>パスワード</translation>
        </message>
        <message>
            <source>Sign</source>
            <translation>署名</translation>
        </message>
    </context>
    <context>
        <name>SyringePlanModel</name>
        <message>
            <source>Syringe</source>
            <translation>シリンジ</translation>
        </message>
        <message>
            <source>Each time</source>
            <translation>1回量</translation>
        </message>
        <message>
            <source>Per day</source>
            <translation>1日量</translation>
        </message>
        <message>
            <source>Volume/day</source>
            <translation>1日液量</translation>
        </message>
        <message>
            <source>Syringe plan</source>
            <translation>シリンジ構成</translation>
        </message>
    </context>
    <context>
        <name>TextInput</name>
        <message>
            <source>number</source>
            <translation>数値</translation>
        </message>
    </context>
    <context>
        <name>VerifyDialog</name>
        <message>
            <source>Spleen / left upper quadrant pain</source>
            <translation>脾臓・左上腹部痛</translation>
        </message>
        <message>
            <source>History of thrombosis</source>
            <translation>血栓症の既往</translation>
        </message>
        <message>
            <source>Split dose — protocol deviation</source>
            <translation>分割投与 — プロトコル逸脱</translation>
        </message>
        <message>
            <source>not recorded (an order stored before the ticks were kept)</source>
            <translation>記録なし（確認記録の導入前に保存された指示）</translation>
        </message>
        <message>
            <source>☑ {0}: acknowledged</source>
            <translation>☑ {0}：確認済み</translation>
        </message>
        <message>
            <source>☐ {0}: NOT acknowledged</source>
            <translation>☐ {0}：未確認</translation>
        </message>
        <message>
            <source>by {0}, {1}</source>
            <translation>確認者 {0}、{1}</translation>
        </message>
        <message>
            <source>Verify the filgrastim order — independent double check</source>
            <translation>フィルグラスチム指示の鑑査 — 独立した二重確認</translation>
        </message>
        <message>
            <source>The order could not be read.</source>
            <translation>指示を読み込めませんでした。</translation>
        </message>
        <message>
            <source>&lt;b&gt;Order #{0} for {1}.&lt;/b&gt; Work the daily dose out yourself from the measurements below, or let NKDesk recompute it from them; the prescriber's figure is shown after that.</source>
            <translation>&lt;b&gt;{1} の指示 #{0}。&lt;/b&gt;下の測定値から 1 日量を自分で計算するか、NKDesk に再計算させてください。処方者の数値はその後に表示されます。</translation>
        </message>
        <message>
            <source>What the dose is made of (as stored)</source>
            <translation>投与量の根拠（登録内容）</translation>
        </message>
        <message>
            <source>Height</source>
            <translation>身長</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>体重</translation>
        </message>
        <message>
            <source>BSA formula</source>
            <translation>体表面積の計算式</translation>
        </message>
        <message>
            <source>Dose per m²</source>
            <translation>m² あたりの投与量</translation>
        </message>
        <message>
            <source>{0} days, {1}</source>
            <translation>{0} 日間、{1}</translation>
        </message>
        <message>
            <source>split in two doses daily — PROTOCOL DEVIATION</source>
            <translation>1日2回に分割 — プロトコル逸脱</translation>
        </message>
        <message>
            <source>once daily</source>
            <translation>1日1回</translation>
        </message>
        <message>
            <source>Course</source>
            <translation>投与期間</translation>
        </message>
        <message>
            <source>Cautions asked</source>
            <translation>確認した注意事項</translation>
        </message>
        <message>
            <source>Your check</source>
            <translation>あなたの確認</translation>
        </message>
        <message>
            <source>Your daily dose (µg/day)</source>
            <translation>あなたの計算した 1 日量（µg/日）</translation>
        </message>
        <message>
            <source>e.g. 619.8</source>
            <translation>例：619.8</translation>
        </message>
        <message>
            <source>Compare my figure</source>
            <translation>自分の数値と照合</translation>
        </message>
        <message>
            <source>Recompute with NKDesk</source>
            <translation>NKDesk で再計算</translation>
        </message>
        <message>
            <source>Your daily dose</source>
            <translation>あなたの 1 日量</translation>
        </message>
        <message>
            <source>µg/day</source>
            <translation>µg/日</translation>
        </message>
        <message>
            <source>The prescribed order</source>
            <translation>処方された指示</translation>
        </message>
        <message>
            <source>Verifier's user name</source>
            <translation>鑑査者のユーザー名</translation>
        </message>
        <message>
            <source>Verifier's password</source>
            <translation>鑑査者のパスワード</translation>
        </message>
        <message>
            <source>Pharmacist's decision (plan outside tolerance)</source>
            <translation>薬剤師の判断（許容範囲外の構成）</translation>
        </message>
        <message>
            <source>Verifier (pharmacist or a second investigator)</source>
            <translation>鑑査者（薬剤師または別の試験責任・分担医師）</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>パスワード</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>キャンセル</translation>
        </message>
        <message>
            <source>Verify and sign</source>
            <translation>鑑査して署名</translation>
        </message>
        <message>
            <source>{0} (no stored measurement with this value: date unknown)</source>
            <translation>{0}（この値の登録済み測定値なし：日付不明）</translation>
        </message>
        <message>
            <source> — entered as {0}</source>
            <translation> — 入力値 {0}</translation>
        </message>
        <message>
            <source>{0}{1}, measured {2}</source>
            <translation>{0}{1}、測定日 {2}</translation>
        </message>
        <message>
            <source>NKDesk recomputed BSA {0} → {1} from the stored measurements.</source>
            <translation>NKDesk が登録済みの測定値から再計算：体表面積 {0} → {1}。</translation>
        </message>
        <message>
            <source>Recomputed {0}</source>
            <translation>再計算値 {0}</translation>
        </message>
        <message>
            <source>Your figure: {0}.</source>
            <translation>あなたの数値：{0}。</translation>
        </message>
        <message>
            <source>Your figure {0}</source>
            <translation>あなたの数値 {0}</translation>
        </message>
        <message>
            <source>Prescribed &lt;b&gt;{0}&lt;/b&gt; (BSA {1}) · delivered {2:g} µg/day ({3:+.1f} %, tolerance ±{4:g} %)&lt;br/&gt;Prescribed by {5}{6}</source>
            <translation>処方量 &lt;b&gt;{0}&lt;/b&gt;（体表面積 {1}）· 投与量 {2:g} µg/日（{3:+.1f} %、許容範囲 ±{4:g} %）&lt;br/&gt;処方者 {5}{6}</translation>
        </message>
        <message>
            <source>, signed {0}</source>
            <translation>、署名 {0}</translation>
        </message>
        <message>
            <source>{0} agrees with the prescribed {1}.</source>
            <translation>{0} は処方量 {1} と一致します。</translation>
        </message>
        <message>
            <source> ({0:+.1f} %)</source>
            <translation>（{0:+.1f} %）</translation>
        </message>
        <message>
            <source>{0} DIFFERS from the prescribed {1}{2}: do not verify — resolve it with the prescriber.</source>
            <translation>{0} は処方量 {1}{2} と一致しません：鑑査しないでください — 処方者と解決してください。</translation>
        </message>
        <message>
            <source> — the plan is OUTSIDE the tolerance: a pharmacist decides and writes the decision.</source>
            <translation> — 計画は許容範囲外です：薬剤師が判断し、その判断を記録します。</translation>
        </message>
        <message>
            <source>First recompute the dose or compare your own figure.</source>
            <translation>先に投与量を再計算するか、自分の数値と照合してください。</translation>
        </message>
        <message>
            <source>The figures differ: this order cannot be verified as it is.</source>
            <translation>数値が一致しません：この指示はこのままでは鑑査できません。</translation>
        </message>
        <message>
            <source>Enter your user name and password to sign.</source>
            <translation>署名するにはユーザー名とパスワードを入力してください。</translation>
        </message>
        <message>
            <source>Not verified: this order was changed by {0} at {1} after it was shown to you (it is now {2}). Close this dialog and open the order again to check it as it is now.</source>
            <translation>鑑査されていません：表示後に {0} が {1} にこの指示を変更しました（現在：{2}）。このダイアログを閉じ、指示を開き直して現在の内容を確認してください。</translation>
        </message>
        <message>
            <source>Not verified: the reason was shown. Close this dialog and open the order again to see it as it is now.</source>
            <translation>鑑査されていません：理由は表示のとおりです。このダイアログを閉じ、指示を開き直して現在の内容を確認してください。</translation>
        </message>
    </context>
    <context>
        <name>VitalsChart</name>
        <message>
            <source>Vital signs chart</source>
            <translation>バイタルサインのグラフ</translation>
        </message>
        <message>
            <source>▼ systolic ▲ diastolic BP (mmHg)</source>
            <translation>▼ 収縮期 ▲ 拡張期 血圧（mmHg）</translation>
        </message>
        <message>
            <source>   ● pulse (/min)</source>
            <translation>   ● 脈拍（/分）</translation>
        </message>
        <message>
            <source>● Temperature (°C)</source>
            <translation>● 体温（°C）</translation>
        </message>
        <message>
            <source>● SpO₂ (%)</source>
            <translation>● SpO₂（%）</translation>
        </message>
        <message>
            <source>systolic</source>
            <translation>収縮期</translation>
        </message>
        <message>
            <source>pulse</source>
            <translation>脈拍</translation>
        </message>
        <message>
            <source>Minutes since the start of the infusion</source>
            <translation>投与開始からの時間（分）</translation>
        </message>
    </context>
    <context>
        <name>VitalsGrid</name>
        <message>
            <source>Set</source>
            <translation>測定</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>時刻</translation>
        </message>
        <message>
            <source>Syst.
mmHg</source>
            <translation>収縮期
mmHg</translation>
        </message>
        <message>
            <source>Diast.
mmHg</source>
            <translation>拡張期
mmHg</translation>
        </message>
        <message>
            <source>Pulse
/min</source>
            <translation>脈拍
/分</translation>
        </message>
        <message>
            <source>Resp.
/min</source>
            <translation>呼吸数
/分</translation>
        </message>
        <message>
            <source>Temp.</source>
            <translation>体温</translation>
        </message>
        <message>
            <source>Unit</source>
            <translation>単位</translation>
        </message>
        <message>
            <source>SpO₂
%</source>
            <translation>SpO₂
%</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>酸素</translation>
        </message>
        <message>
            <source>Flow
L/min</source>
            <translation>流量
L/分</translation>
        </message>
        <message>
            <source>ACVPU</source>
            <translation>ACVPU</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>NEWS2</source>
            <translation>NEWS2</translation>
        </message>
        <message>
            <source>Vaso-
pres-
sors</source>
            <translation>昇圧薬</translation>
        </message>
        <message>
            <source>Vaso-
pres-
sin</source>
            <translation>バソプ
レシン</translation>
        </message>
        <message>
            <source>Set (time point)</source>
            <translation>測定回（時点）</translation>
        </message>
        <message>
            <source>Time measured (hh:mm)</source>
            <translation>測定時刻（hh:mm）</translation>
        </message>
        <message>
            <source>Systolic blood pressure (mmHg)</source>
            <translation>収縮期血圧（mmHg）</translation>
        </message>
        <message>
            <source>Diastolic blood pressure (mmHg)</source>
            <translation>拡張期血圧（mmHg）</translation>
        </message>
        <message>
            <source>Pulse (beats per minute)</source>
            <translation>脈拍（回/分）</translation>
        </message>
        <message>
            <source>Respiratory rate (breaths per minute)</source>
            <translation>呼吸数（回/分）</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>体温</translation>
        </message>
        <message>
            <source>Temperature unit</source>
            <translation>体温の単位</translation>
        </message>
        <message>
            <source>Oxygen saturation SpO₂ (%)</source>
            <translation>酸素飽和度 SpO₂（%）</translation>
        </message>
        <message>
            <source>Oxygen device</source>
            <translation>酸素投与器具</translation>
        </message>
        <message>
            <source>Oxygen flow (litres per minute)</source>
            <translation>酸素流量（L/分）</translation>
        </message>
        <message>
            <source>Number of vasopressors running</source>
            <translation>使用中の昇圧薬の数</translation>
        </message>
        <message>
            <source>Vasopressin running</source>
            <translation>バソプレシン使用中</translation>
        </message>
        <message>
            <source>Consciousness (ACVPU)</source>
            <translation>意識レベル（ACVPU）</translation>
        </message>
        <message>
            <source>Reason (values amber or red, or a correction)</source>
            <translation>理由（黄・赤の値、または修正）</translation>
        </message>
        <message>
            <source>NEWS2 score and risk (RCP 2017)</source>
            <translation>NEWS2 スコアとリスク（RCP 2017）</translation>
        </message>
        <message>
            <source>Add e&amp;xtra set</source>
            <translation>追加測定(&amp;X)</translation>
        </message>
        <message>
            <source>Extra {0}</source>
            <translation>追加 {0}</translation>
        </message>
        <message>
            <source>reason for the change</source>
            <translation>変更の理由</translation>
        </message>
        <message>
            <source>reason: {0}</source>
            <translation>理由：{0}</translation>
        </message>
        <message>
            <source>{0}: not saved yet — missing {1}</source>
            <translation>{0}：未保存 — {1} が未入力</translation>
        </message>
        <message>
            <source>{0}: give the reason for the change to save it</source>
            <translation>{0}：保存するには変更の理由を入力してください</translation>
        </message>
        <message>
            <source>{0}: values outside normal limits — give a reason to save</source>
            <translation>{0}：基準範囲外の値 — 保存するには理由を入力してください</translation>
        </message>
        <message>
            <source>Pre-infusion</source>
            <translation>投与前</translation>
        </message>
        <message>
            <source>{0} h</source>
            <translation>{0}時間</translation>
        </message>
        <message>
            <source>{0} min</source>
            <translation>{0}分</translation>
        </message>
    </context>
    <context>
        <name>VitalsRow</name>
        <message>
            <source>time measured</source>
            <translation>測定時刻</translation>
        </message>
        <message>
            <source>systolic blood pressure</source>
            <translation>収縮期血圧</translation>
        </message>
        <message>
            <source>diastolic blood pressure</source>
            <translation>拡張期血圧</translation>
        </message>
        <message>
            <source>pulse</source>
            <translation>脈拍</translation>
        </message>
        <message>
            <source>respiratory rate</source>
            <translation>呼吸数</translation>
        </message>
        <message>
            <source>temperature</source>
            <translation>体温</translation>
        </message>
        <message>
            <source>temperature unit</source>
            <translation>体温の単位</translation>
        </message>
        <message>
            <source>oxygen saturation SpO2</source>
            <translation>酸素飽和度 SpO2</translation>
        </message>
        <message>
            <source>oxygen device</source>
            <translation>酸素投与器具</translation>
        </message>
        <message>
            <source>oxygen flow litres per minute</source>
            <translation>酸素流量（L/分）</translation>
        </message>
        <message>
            <source>number of vasopressors</source>
            <translation>昇圧薬の数</translation>
        </message>
        <message>
            <source>consciousness ACVPU</source>
            <translation>意識レベル ACVPU</translation>
        </message>
        <message>
            <source>vasopressin running</source>
            <translation>バソプレシン投与中</translation>
        </message>
        <message>
            <source>reason</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>Temperature unit: click to change, or type the unit with the value (98.6 degF)</source>
            <translation>体温の単位：クリックで変更、または値と一緒に単位を入力（98.6 degF）</translation>
        </message>
        <message>
            <source>Venturi</source>
            <translation>ベンチュリー</translation>
        </message>
        <message>
            <source>Air</source>
            <translation>室内気</translation>
        </message>
        <message>
            <source>No</source>
            <translation>いいえ</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>はい</translation>
        </message>
        <message>
            <source>A  Alert</source>
            <translation>A  清明</translation>
        </message>
        <message>
            <source>C  New confusion</source>
            <translation>C  新たな混乱</translation>
        </message>
        <message>
            <source>V  Voice</source>
            <translation>V  声に反応</translation>
        </message>
        <message>
            <source>P  Pain</source>
            <translation>P  痛みに反応</translation>
        </message>
        <message>
            <source>U  Unresponsive</source>
            <translation>U  反応なし</translation>
        </message>
        <message>
            <source>not a number</source>
            <translation>数値ではありません</translation>
        </message>
        <message>
            <source>Critical value: alert</source>
            <translation>危険値：アラート</translation>
        </message>
        <message>
            <source>Outside normal limits: give a reason</source>
            <translation>基準範囲外：理由を入力してください</translation>
        </message>
    </context>
    <context>
        <name>Words</name>
        <message>
            <source>screening</source>
            <translation>スクリーニング中</translation>
        </message>
        <message>
            <source>not eligible</source>
            <translation>不適格</translation>
        </message>
        <message>
            <source>eligible, awaiting dose</source>
            <translation>適格・投与待ち</translation>
        </message>
        <message>
            <source>on treatment</source>
            <translation>治療中</translation>
        </message>
        <message>
            <source>mid-infusion</source>
            <translation>投与中</translation>
        </message>
        <message>
            <source>suspended</source>
            <translation>休止中</translation>
        </message>
        <message>
            <source>discontinued</source>
            <translation>中止</translation>
        </message>
        <message>
            <source>completed</source>
            <translation>完了</translation>
        </message>
        <message>
            <source>investigator</source>
            <translation>試験責任・分担医師</translation>
        </message>
        <message>
            <source>pharmacist</source>
            <translation>薬剤師</translation>
        </message>
        <message>
            <source>research nurse</source>
            <translation>臨床研究看護師</translation>
        </message>
        <message>
            <source>administrator</source>
            <translation>管理者</translation>
        </message>
        <message>
            <source>grade</source>
            <translation>グレード</translation>
        </message>
        <message>
            <source>onset</source>
            <translation>発現日時</translation>
        </message>
        <message>
            <source>relationship</source>
            <translation>因果関係</translation>
        </message>
        <message>
            <source>seriousness</source>
            <translation>重篤性</translation>
        </message>
        <message>
            <source>outcome (or ongoing)</source>
            <translation>転帰（または継続中）</translation>
        </message>
        <message>
            <source>F</source>
            <translation>女性</translation>
        </message>
        <message>
            <source>M</source>
            <translation>男性</translation>
        </message>
        <message>
            <source>CDISC ODM 1.3.2 (XML)</source>
            <translation>CDISC ODM 1.3.2（XML）</translation>
        </message>
        <message>
            <source>REDCap (CSV files)</source>
            <translation>REDCap（CSV ファイル）</translation>
        </message>
        <message>
            <source>FHIR R4 (JSON bundle)</source>
            <translation>FHIR R4（JSON バンドル）</translation>
        </message>
        <message>
            <source>Haemoglobin</source>
            <translation>ヘモグロビン</translation>
        </message>
        <message>
            <source>Platelets</source>
            <translation>血小板数</translation>
        </message>
        <message>
            <source>White blood cells</source>
            <translation>白血球数</translation>
        </message>
        <message>
            <source>Neutrophils</source>
            <translation>好中球数</translation>
        </message>
        <message>
            <source>Lymphocytes</source>
            <translation>リンパ球数</translation>
        </message>
        <message>
            <source>AFP</source>
            <translation>AFP</translation>
        </message>
        <message>
            <source>PIVKA-II</source>
            <translation>PIVKA-II</translation>
        </message>
        <message>
            <source>Total bilirubin</source>
            <translation>総ビリルビン</translation>
        </message>
        <message>
            <source>Creatinine</source>
            <translation>クレアチニン</translation>
        </message>
        <message>
            <source>AST</source>
            <translation>AST</translation>
        </message>
        <message>
            <source>ALT</source>
            <translation>ALT</translation>
        </message>
        <message>
            <source>ALP</source>
            <translation>ALP</translation>
        </message>
        <message>
            <source>Sodium</source>
            <translation>ナトリウム</translation>
        </message>
        <message>
            <source>Potassium</source>
            <translation>カリウム</translation>
        </message>
        <message>
            <source>Calcium</source>
            <translation>カルシウム</translation>
        </message>
        <message>
            <source>Ionised calcium</source>
            <translation>イオン化カルシウム</translation>
        </message>
        <message>
            <source>Albumin</source>
            <translation>アルブミン</translation>
        </message>
        <message>
            <source>Temperature</source>
            <translation>体温</translation>
        </message>
        <message>
            <source>Height</source>
            <translation>身長</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>体重</translation>
        </message>
        <message>
            <source>Ejection fraction</source>
            <translation>駆出率</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <source>Study ID</source>
            <translation>研究 ID</translation>
        </message>
        <message>
            <source>Initials</source>
            <translation>イニシャル</translation>
        </message>
        <message>
            <source>Date of birth</source>
            <translation>生年月日</translation>
        </message>
        <message>
            <source>Sex</source>
            <translation>性別</translation>
        </message>
        <message>
            <source>Hospital ID</source>
            <translation>病院 ID</translation>
        </message>
        <message>
            <source>Sampled on</source>
            <translation>採取日</translation>
        </message>
        <message>
            <source>Apheresis date</source>
            <translation>アフェレシス日</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>理由</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>パスワード</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>ユーザー名</translation>
        </message>
        <message>
            <source>Grade</source>
            <translation>グレード</translation>
        </message>
        <message>
            <source>Term</source>
            <translation>用語</translation>
        </message>
        <message>
            <source>Onset</source>
            <translation>発現</translation>
        </message>
        <message>
            <source>Resolution</source>
            <translation>消失</translation>
        </message>
        <message>
            <source>Lab results</source>
            <translation>検査値</translation>
        </message>
        <message>
            <source>Calcium measured as</source>
            <translation>カルシウムの測定法</translation>
        </message>
        <message>
            <source>Day the investigator learned of it</source>
            <translation>試験責任・分担医師が知った日</translation>
        </message>
        <message>
            <source>Highest grade</source>
            <translation>最高グレード</translation>
        </message>
        <message>
            <source>Serious criteria</source>
            <translation>重篤の基準</translation>
        </message>
        <message>
            <source>Relationship</source>
            <translation>因果関係</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>転帰</translation>
        </message>
        <message>
            <source>Cycle</source>
            <translation>サイクル</translation>
        </message>
        <message>
            <source>Reported at</source>
            <translation>報告日時</translation>
        </message>
        <message>
            <source>Sent on</source>
            <translation>送付日</translation>
        </message>
        <message>
            <source>Sent to</source>
            <translation>送付先</translation>
        </message>
        <message>
            <source>Pharmacist's decision</source>
            <translation>薬剤師の判断</translation>
        </message>
        <message>
            <source>Your daily dose</source>
            <translation>あなたの 1 日量</translation>
        </message>
        <message>
            <source>New password</source>
            <translation>新しいパスワード</translation>
        </message>
        <message>
            <source>New date</source>
            <translation>新しい日付</translation>
        </message>
        <message>
            <source>Lifted on</source>
            <translation>解除日</translation>
        </message>
        <message>
            <source>Infusion end</source>
            <translation>投与終了</translation>
        </message>
        <message>
            <source>Infusion start</source>
            <translation>投与開始</translation>
        </message>
        <message>
            <source>Time measured</source>
            <translation>測定時刻</translation>
        </message>
        <message>
            <source>Who was informed</source>
            <translation>連絡先</translation>
        </message>
        <message>
            <source>Action taken</source>
            <translation>取った処置</translation>
        </message>
        <message>
            <source>Reason for the correction</source>
            <translation>修正理由</translation>
        </message>
        <message>
            <source>Time point</source>
            <translation>測定時点</translation>
        </message>
        <message>
            <source>Full name</source>
            <translation>氏名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>役割</translation>
        </message>
        <message>
            <source>Account active</source>
            <translation>アカウント有効</translation>
        </message>
        <message>
            <source>Package-insert cautions</source>
            <translation>添付文書の注意</translation>
        </message>
        <message>
            <source>Bag ID</source>
            <translation>バッグ ID</translation>
        </message>
        <message>
            <source>Viable cells in the bag</source>
            <translation>バッグ内の生細胞数</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>言語</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状態</translation>
        </message>
        <message>
            <source>Discontinue or suspend</source>
            <translation>中止・休止</translation>
        </message>
        <message>
            <source>Reason for stopping</source>
            <translation>中止・休止の理由</translation>
        </message>
        <message>
            <source>Dose order</source>
            <translation>投与指示</translation>
        </message>
        <message>
            <source>Protocol</source>
            <translation>プロトコル</translation>
        </message>
        <message>
            <source>Height</source>
            <translation>身長</translation>
        </message>
        <message>
            <source>Weight</source>
            <translation>体重</translation>
        </message>
        <message>
            <source>Vasopressors</source>
            <translation>昇圧薬</translation>
        </message>
        <message>
            <source>Oxygen</source>
            <translation>酸素</translation>
        </message>
        <message>
            <source>Oxygen flow</source>
            <translation>酸素流量</translation>
        </message>
        <message>
            <source>Stocked syringes</source>
            <translation>在庫シリンジ</translation>
        </message>
    </context>
</TS>
