<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccessDialog</name>
    <message>
        <source>Who may read “%1”</source>
        <translation>Who may read “%1”</translation>
    </message>
    <message>
        <source>Every participant</source>
        <translation>Every participant</translation>
    </message>
    <message>
        <source>Voting members</source>
        <translation>Voting members</translation>
    </message>
    <message>
        <source>The people ticked below</source>
        <translation>The people ticked below</translation>
    </message>
    <message>
        <source>Only from:</source>
        <translation>Only from:</translation>
    </message>
    <message>
        <source>&amp;Readers:</source>
        <translation>&amp;Readers:</translation>
    </message>
    <message>
        <source>The organisers and the presenter always read it. The change takes effect when the server accepts it.</source>
        <translation>The organisers and the presenter always read it. The change takes effect when the server accepts it.</translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <source>Administration: digital signatures</source>
        <translation>Administration: digital signatures</translation>
    </message>
    <message>
        <source>Trusted root certificates</source>
        <translation>Trusted root certificates</translation>
    </message>
    <message>
        <source>E-card drivers (PKCS#11)</source>
        <translation>E-card drivers (PKCS#11)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AgendaEditor</name>
    <message>
        <source>Add item</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>Add an agenda item after the selected one (Insert)</source>
        <translation>Add an agenda item after the selected one (Insert)</translation>
    </message>
    <message>
        <source>Add sub-item</source>
        <translation>Add sub-item</translation>
    </message>
    <message>
        <source>Add a sub-item under the selected item (Ctrl+Insert)</source>
        <translation>Add a sub-item under the selected item (Ctrl+Insert)</translation>
    </message>
    <message>
        <source>Edit item</source>
        <translation>Edit item</translation>
    </message>
    <message>
        <source>Edit the selected item (F2)</source>
        <translation>Edit the selected item (F2)</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>Remove item</translation>
    </message>
    <message>
        <source>Remove the selected item or document (Delete)</source>
        <translation>Remove the selected item or document (Delete)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>Move the selected item up (Alt+Up)</source>
        <translation>Move the selected item up (Alt+Up)</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>Move the selected item down (Alt+Down)</source>
        <translation>Move the selected item down (Alt+Down)</translation>
    </message>
    <message>
        <source>Item added: %1</source>
        <translation>Item added: %1</translation>
    </message>
    <message>
        <source>Add agenda item</source>
        <translation>Add agenda item</translation>
    </message>
    <message>
        <source>Item saved: %1</source>
        <translation>Item saved: %1</translation>
    </message>
    <message>
        <source>Edit agenda item</source>
        <translation>Edit agenda item</translation>
    </message>
    <message>
        <source>Remove agenda item</source>
        <translation>Remove agenda item</translation>
    </message>
    <message>
        <source>Remove “%1 %2”?</source>
        <translation>Remove “%1 %2”?</translation>
    </message>
    <message>
        <source>Its %1 sub-items and %2 documents are removed too.</source>
        <translation>Its %1 sub-items and %2 documents are removed too.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Item removed: %1</source>
        <translation>Item removed: %1</translation>
    </message>
    <message>
        <source>Item moved</source>
        <translation>Item moved</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Item / document</source>
        <translation>Item / document</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>Presenter</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>%1 minutes planned</source>
        <extracomment>What an agenda item carries while dragged (its id). An organiser dropped an item: (item id, new parent id or &quot;&quot;, position among its new siblings, sitting id). PDF files dropped on an item: (item id, local paths). Organisers drag items and drop files (set by the meeting page). Every node (an item or a document) → (its parent node or None, its row).</extracomment>
        <translation>%1 minutes planned</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>from %1</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>%1 pages</translation>
    </message>
    <message>
        <source>First opened %1 (version %2)</source>
        <translation>First opened %1 (version %2)</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Version %1 of %2</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Record the answer of %1</source>
        <translation>Record the answer of %1</translation>
    </message>
    <message>
        <source>Answer the invitation</source>
        <translation>Answer the invitation</translation>
    </message>
    <message>
        <source>I will &amp;attend</source>
        <translation>I will &amp;attend</translation>
    </message>
    <message>
        <source>Will &amp;attend</source>
        <translation>Will &amp;attend</translation>
    </message>
    <message>
        <source>A&amp;bsent</source>
        <translation>A&amp;bsent</translation>
    </message>
    <message>
        <source>Send a &amp;substitute</source>
        <translation>Send a &amp;substitute</translation>
    </message>
    <message>
        <source>The reason (required when absent)</source>
        <translation>The reason (required when absent)</translation>
    </message>
    <message>
        <source>(type a name below)</source>
        <translation>(type a name below)</translation>
    </message>
    <message>
        <source>The substitute&apos;s name and position, when not in the list</source>
        <translation>The substitute&apos;s name and position, when not in the list</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>R&amp;eason:</translation>
    </message>
    <message>
        <source>Su&amp;bstitute:</source>
        <translation>Su&amp;bstitute:</translation>
    </message>
    <message>
        <source>Answer the written opinion poll</source>
        <translation>Answer the written opinion poll</translation>
    </message>
    <message>
        <source>Agree (&amp;1)</source>
        <translation>Agree (&amp;1)</translation>
    </message>
    <message>
        <source>Disagree (&amp;2)</source>
        <translation>Disagree (&amp;2)</translation>
    </message>
    <message>
        <source>Other opinion (&amp;3)</source>
        <translation>Other opinion (&amp;3)</translation>
    </message>
    <message>
        <source>Your opinion (required for another opinion)</source>
        <translation>Your opinion (required for another opinion)</translation>
    </message>
    <message>
        <source>Also sign with my e-card (&amp;K)</source>
        <translation>Also sign with my e-card (&amp;K)</translation>
    </message>
    <message>
        <source>Optional: your answer is signed in with your account already</source>
        <translation>Optional: your answer is signed in with your account already</translation>
    </message>
    <message>
        <source>Send answer</source>
        <translation>Send answer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Opinion:</source>
        <translation>&amp;Opinion:</translation>
    </message>
    <message>
        <source>Write the other opinion.</source>
        <translation>Write the other opinion.</translation>
    </message>
</context>
<context>
    <name>AnswersModel</name>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>Opinion</translation>
    </message>
    <message>
        <source>Answered at</source>
        <translation>Answered at</translation>
    </message>
    <message>
        <source>Signed with e-card</source>
        <translation>Signed with e-card</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign a task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(the meeting as a whole)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda &amp;item:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lead (unit or person):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Coordinating:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation type="unfinished">&amp;Deadline:</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deadline %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what the task is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose who leads the task.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lead cannot coordinate as well.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished">Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished">Role</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished">Reason</translation>
    </message>
</context>
<context>
    <name>BigScreen</name>
    <message>
        <source>Big screen — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Esc closes the big screen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CalendarModel</name>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>My answer</source>
        <translation>My answer</translation>
    </message>
</context>
<context>
    <name>CalendarPanel</name>
    <message>
        <source>Previous (PgUp)</source>
        <extracomment>A meeting was chosen (its id). A refresh&apos;s rows are on screen (tests wait on it).</extracomment>
        <translation>Previous (PgUp)</translation>
    </message>
    <message>
        <source>Next (PgDn)</source>
        <translation>Next (PgDn)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Go to today (Ctrl+T)</source>
        <translation>Go to today (Ctrl+T)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>My meetings</source>
        <translation>My meetings</translation>
    </message>
    <message>
        <source>My unit&apos;s</source>
        <translation>My unit&apos;s</translation>
    </message>
    <message>
        <source>My organisation&apos;s</source>
        <translation>My organisation&apos;s</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>New meeting…</translation>
    </message>
    <message>
        <source>Call a new meeting (Ctrl+Shift+M)</source>
        <translation>Call a new meeting (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Weekly schedule</source>
        <translation>Weekly schedule</translation>
    </message>
    <message>
        <source>The leaders&apos; schedule of the shown week, as a PDF</source>
        <translation>The leaders&apos; schedule of the shown week, as a PDF</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>My next meetings</source>
        <translation>My next meetings</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>Month %1</translation>
    </message>
    <message>
        <source>Week %1 – %2</source>
        <translation>Week %1 – %2</translation>
    </message>
    <message>
        <source>No meetings coming.</source>
        <translation>No meetings coming.</translation>
    </message>
    <message>
        <source>Meetings on %1</source>
        <translation>Meetings on %1</translation>
    </message>
    <message>
        <source>%1 meetings</source>
        <translation>%1 meetings</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <source>Sign the answer with the e-card</source>
        <translation>Sign the answer with the e-card</translation>
    </message>
    <message>
        <source>Sign and send</source>
        <extracomment>Asks for the PIN; replaced in tests, where no modal dialog can be typed in.</extracomment>
        <translation>Sign and send</translation>
    </message>
    <message>
        <source>Choose the e-card or the certificate file to sign with.</source>
        <translation>Choose the e-card or the certificate file to sign with.</translation>
    </message>
</context>
<context>
    <name>ChairConsole</name>
    <message>
        <source>Running the session — %1</source>
        <extracomment>The agenda item whose vote defaults the form holds (``_vote_defaults``). The question open now (tests answer it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause / resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the session, or resume it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the session…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the big screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the session full screen on the chosen display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show everyone the previous agenda item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show everyone the next agenda item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show everyone the selected item or document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation type="unfinished">Previous page</translation>
    </message>
    <message>
        <source>Show everyone the previous page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next page</source>
        <translation type="unfinished">Next page</translation>
    </message>
    <message>
        <source>Show everyone the next page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished">Accept</translation>
    </message>
    <message>
        <source>Accept the selected request into the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation type="unfinished">Refuse</translation>
    </message>
    <message>
        <source>Refuse the selected request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished">Move up</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished">Move down</translation>
    </message>
    <message>
        <source>Give the floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the floor to the selected speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End this speech and give the floor to the head of the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause / resume the timer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan a pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the cursor in the pass field: scan the card&apos;s QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Present in the hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Absent, with reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare the vote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the vote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the vote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show / hide the running tally</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Votes</source>
        <translation type="unfinished">Votes</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agenda</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;peakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ttendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Votes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display the big screen opens on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display %1: %2 (%3×%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter (or Ctrl+Enter) shows the selected item or document to everyone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation type="unfinished">Agenda</translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"> min</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each speech&apos;s time limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time per speech:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who has spoken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the QR code of an attendance card here (or type it, then Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for the absence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret ballot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidates, or the people assessed: one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the running tally (named votes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New vote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing shown yet: choose an agenda item (Alt+Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown to everyone: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the hall %1 · online %2 · substitutes %3 · absent %4 · not arrived %5 · left %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived late: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has the floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timer paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not spoken yet: %1 of %2 (in red)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everyone has spoken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the session? The meeting ends for everyone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <source>Choose a request in the queue first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 checked in: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a person in the list first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the reason for the absence, then press Ctrl+J again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vote on: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type what the vote is about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the candidates or the people assessed, one per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vote prepared; open it with F6.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No quorum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quorum does not hold (%1). Open the vote anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open without quorum</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>Comment on “%1”</source>
        <translation>Comment on “%1”</translation>
    </message>
    <message>
        <source>Whole document</source>
        <translation>Whole document</translation>
    </message>
    <message>
        <source>Your opinion on the draft</source>
        <translation>Your opinion on the draft</translation>
    </message>
    <message>
        <source>&amp;Page:</source>
        <translation>&amp;Page:</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Comment:</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <source>Position, unit</source>
        <translation>Position, unit</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Export to Word…</source>
        <translation>Export to Word…</translation>
    </message>
    <message>
        <source>Save the collected comments as a Word table</source>
        <translation>Save the collected comments as a Word table</translation>
    </message>
    <message>
        <source>%1 comments collected</source>
        <translation>%1 comments collected</translation>
    </message>
    <message>
        <source>Whole</source>
        <translation>Whole</translation>
    </message>
    <message>
        <source>Select a document first</source>
        <translation>Select a document first</translation>
    </message>
    <message>
        <source>Comment sent</source>
        <translation>Comment sent</translation>
    </message>
    <message>
        <source>Export the comments</source>
        <translation>Export the comments</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Word document (*.docx)</translation>
    </message>
    <message>
        <source>Comments exported to %1</source>
        <translation>Comments exported to %1</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>Complete the task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no reply document)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply &amp;document:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecideExtensionDialog</name>
    <message>
        <source>Approve the extension</source>
        <translation>Approve the extension</translation>
    </message>
    <message>
        <source>Refuse the extension</source>
        <translation>Refuse the extension</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Asked by</translation>
    </message>
    <message>
        <source>Current deadline</source>
        <translation>Current deadline</translation>
    </message>
    <message>
        <source>Asked until</source>
        <translation>Asked until</translation>
    </message>
    <message>
        <source>Reason given</source>
        <translation>Reason given</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>New deadline</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Reason for refusing</source>
        <translation>Reason for refusing</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>The new deadline cannot be in the past.</source>
        <translation>The new deadline cannot be in the past.</translation>
    </message>
    <message>
        <source>The new deadline must be after the current one (%1).</source>
        <translation>The new deadline must be after the current one (%1).</translation>
    </message>
    <message>
        <source>Write the reason for refusing.</source>
        <translation>Write the reason for refusing.</translation>
    </message>
</context>
<context>
    <name>DelegateView</name>
    <message>
        <source>Session — %1</source>
        <extracomment>A vote button&apos;s least height (px): a finger on a tablet. Keys that page through the document by hand (they turn &quot;follow the chair&quot; off). The document in the reader (its id) and the vote the buttons are for. The question open now (tests answer it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the chair&apos;s page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check in (in the hall)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check in (online)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask to speak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdraw my request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the chair (F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show what the chair shows; F turns it on or off, Home comes back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the selected document here (you stop following the chair)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vote</source>
        <translation type="unfinished">Vote</translation>
    </message>
    <message>
        <source>Send my ballot (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not following the chair — F to follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document is not released to the participants yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody has the floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vote open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose at most %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm your ballot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You chose: %1.
Send your ballot? It cannot be changed afterwards.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send ballot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request to speak was sent to the chair.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DelegationDialog</name>
    <message>
        <source>Choose the deputy.</source>
        <translation>Choose the deputy.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>Delegate</translation>
    </message>
    <message>
        <source>Delegate to a deputy</source>
        <translation>Delegate to a deputy</translation>
    </message>
    <message>
        <source>Delegated to %1 from %2 to %3.</source>
        <translation>Delegated to %1 from %2 to %3.</translation>
    </message>
    <message>
        <source>Delegations given and received</source>
        <translation>Delegations given and received</translation>
    </message>
    <message>
        <source>Deputy</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>During these days the deputy sees your waiting documents and drafts, directs and approves them and signs “KT.” in your stead with their own e-card.</source>
        <translation>During these days the deputy sees your waiting documents and drafts, directs and approves them and signs “KT.” in your stead with their own e-card.</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>In effect</source>
        <extracomment>&quot;active&quot;, &quot;upcoming&quot;, &quot;ended&quot; or &quot;revoked&quot; on the day the list was read.</extracomment>
        <translation>In effect</translation>
    </message>
    <message>
        <source>Not started yet</source>
        <translation>Not started yet</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Revoked the delegation to %1.</source>
        <translation>Revoked the delegation to %1.</translation>
    </message>
    <message>
        <source>The last day comes before the first.</source>
        <translation>The last day comes before the first.</translation>
    </message>
    <message>
        <source>The organisation has no other leader to delegate to.</source>
        <translation>The organisation has no other leader to delegate to.</translation>
    </message>
    <message>
        <source>e.g. On a work trip to Hà Nội</source>
        <translation>e.g. On a work trip to Hà Nội</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>DelegationsModel</name>
    <message>
        <source>Deputy</source>
        <translation>Deputy</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
</context>
<context>
    <name>DeliverDialog</name>
    <message>
        <source>Deliver to organisations</source>
        <translation>Deliver to organisations</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Deliver</translation>
    </message>
    <message>
        <source>Tick at least one recipient organisation.</source>
        <translation>Tick at least one recipient organisation.</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>This window runs the demo server. When it closes, the server stops and the other eOffice windows open on this computer go offline until the demo is started again.</source>
        <extracomment>A window is on screen for this account (tests wait on it). Nothing is open and nothing will be: the app should end (exit code). This app runs the demo server the other apps use: closing its window stops it.</extracomment>
        <translation>This window runs the demo server. When it closes, the server stops and the other eOffice windows open on this computer go offline until the demo is started again.</translation>
    </message>
    <message>
        <source>The server asks you to sign in again.</source>
        <translation>The server asks you to sign in again.</translation>
    </message>
    <message>
        <source>Cannot open eOffice</source>
        <translation>Cannot open eOffice</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>File:</source>
        <extracomment>Verification reports by (digest, roots): a refresh does not check a file again. The document and files the viewer shows (a refresh keeps the page in view). The pages with their signatures and seals drawn (QPdfView draws neither). &quot;Mật&quot;, &quot;Tối mật&quot;, &quot;Tuyệt mật&quot; beside the title of a secret document.</extracomment>
        <translation>File:</translation>
    </message>
    <message>
        <source>Open full size</source>
        <translation>Open full size</translation>
    </message>
    <message>
        <source>Read, zoom, search, save a copy or print (or double-click the page)</source>
        <translation>Read, zoom, search, save a copy or print (or double-click the page)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Print the file on a printer, with its signatures and seals</source>
        <translation>Print the file on a printer, with its signatures and seals</translation>
    </message>
    <message>
        <source>Fields</source>
        <extracomment>Ask for, approve or refuse a deadline extension of a line. The signatures of the PDF on screen, verified off the GUI thread.</extracomment>
        <translation>Fields</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Digital signatures</source>
        <translation>Digital signatures</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Number and notation</source>
        <translation>Number and notation</translation>
    </message>
    <message>
        <source>Arrival number</source>
        <translation>Arrival number</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Arrival date</translation>
    </message>
    <message>
        <source>Issued date</source>
        <translation>Issued date</translation>
    </message>
    <message>
        <source>Issuing organ</source>
        <translation>Issuing organ</translation>
    </message>
    <message>
        <source>Organ identifier</source>
        <translation>Organ identifier</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Co-signer (signs first)</source>
        <translation>Co-signer (signs first)</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Receiving unit / person</source>
        <translation>Receiving unit / person</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Secret document: numbered in the secret register</source>
        <extracomment>Fields that only an incoming or only an outgoing document has.</extracomment>
        <translation>Secret document: numbered in the secret register</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>signed</translation>
    </message>
    <message>
        <source>not signed yet</source>
        <translation>not signed yet</translation>
    </message>
    <message>
        <source>Select a document in the list to read it.</source>
        <translation>Select a document in the list to read it.</translation>
    </message>
    <message>
        <source>Attachment: %1</source>
        <translation>Attachment: %1</translation>
    </message>
    <message>
        <source>The file is being downloaded from the server…</source>
        <translation>The file is being downloaded from the server…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Print</translation>
    </message>
</context>
<context>
    <name>DialogButtons</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>Diary</name>
    <message>
        <source>Work diary</source>
        <extracomment>The diary, its people, and the handled documents it proposes entries from.</extracomment>
        <translation>Work diary</translation>
    </message>
    <message>
        <source>Write today&apos;s work, see the week, export reports</source>
        <translation>Write today&apos;s work, see the week, export reports</translation>
    </message>
    <message>
        <source>Regular duty</source>
        <translation>Regular duty</translation>
    </message>
    <message>
        <source>Ad-hoc task</source>
        <translation>Ad-hoc task</translation>
    </message>
    <message>
        <source>Assigned by a document</source>
        <translation>Assigned by a document</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Edited on another computer too: choose a version</source>
        <translation>Edited on another computer too: choose a version</translation>
    </message>
    <message>
        <source>Deleted on another computer: keep or drop this version</source>
        <translation>Deleted on another computer: keep or drop this version</translation>
    </message>
    <message>
        <source>Arrived after the week was approved: kept aside</source>
        <translation>Arrived after the week was approved: kept aside</translation>
    </message>
</context>
<context>
    <name>DiaryPanel</name>
    <message>
        <source>Previous week (Alt+Left)</source>
        <extracomment>After a refresh has put what was read on screen (tests wait on it). After an action of this panel was applied (the window&apos;s section refreshes it then, from what the operation changed).</extracomment>
        <translation>Previous week (Alt+Left)</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>Next week (Alt+Right)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Week view</source>
        <translation>Week view</translation>
    </message>
    <message>
        <source>Day view</source>
        <translation>Day view</translation>
    </message>
    <message>
        <source>Approve week</source>
        <translation>Approve week</translation>
    </message>
    <message>
        <source>Reopen week…</source>
        <translation>Reopen week…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Report…</translation>
    </message>
    <message>
        <source>Quick add, e.g. “8h30-10h briefing”, “30p reply to a letter”, “1.5h report” — Enter</source>
        <translation>Quick add, e.g. “8h30-10h briefing”, “30p reply to a letter”, “1.5h report” — Enter</translation>
    </message>
    <message>
        <source>Category: guess</source>
        <translation>Category: guess</translation>
    </message>
    <message>
        <source>Copy yesterday&apos;s recurring</source>
        <translation>Copy yesterday&apos;s recurring</translation>
    </message>
    <message>
        <source>New entry…</source>
        <translation>New entry…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Keep this version</source>
        <translation>Keep this version</translation>
    </message>
    <message>
        <source>Keep the other version</source>
        <translation>Keep the other version</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Comment…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Edit and accept…</source>
        <translation>Edit and accept…</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>Drop</translation>
    </message>
    <message>
        <source>What you did in eOffice today, proposed for the diary: nothing is added until you accept it.</source>
        <translation>What you did in eOffice today, proposed for the diary: nothing is added until you accept it.</translation>
    </message>
    <message>
        <source>Comment on the week…</source>
        <translation>Comment on the week…</translation>
    </message>
    <message>
        <source>Drafted</source>
        <translation>Drafted</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>My units</source>
        <translation>My units</translation>
    </message>
    <message>
        <source>My diary</source>
        <translation>My diary</translation>
    </message>
    <message>
        <source>Week %1 – %2</source>
        <translation>Week %1 – %2</translation>
    </message>
    <message>
        <source>Week: %1</source>
        <translation>Week: %1</translation>
    </message>
    <message>
        <source>Approved by %1 — locked</source>
        <translation>Approved by %1 — locked</translation>
    </message>
    <message>
        <source>a leader</source>
        <translation>a leader</translation>
    </message>
    <message>
        <source>Reopened: %1</source>
        <translation>Reopened: %1</translation>
    </message>
    <message>
        <source>Not approved yet</source>
        <translation>Not approved yet</translation>
    </message>
    <message>
        <source>Drafted (%1)</source>
        <translation>Drafted (%1)</translation>
    </message>
    <message>
        <source>Comments (%1)</source>
        <translation>Comments (%1)</translation>
    </message>
    <message>
        <source>%1: the times of “%2” (%3) and “%4” (%5) overlap.</source>
        <translation>%1: the times of “%2” (%3) and “%4” (%5) overlap.</translation>
    </message>
    <message>
        <source>%1: %2 written — more than 24 hours in one day.</source>
        <translation>%1: %2 written — more than 24 hours in one day.</translation>
    </message>
    <message>
        <source>%1 entries wait for your choice (edited on two computers or after approval): select one and keep a version.</source>
        <translation>%1 entries wait for your choice (edited on two computers or after approval): select one and keep a version.</translation>
    </message>
    <message>
        <source>Drop this version</source>
        <translation>Drop this version</translation>
    </message>
    <message>
        <source>(write what the work was)</source>
        <translation>(write what the work was)</translation>
    </message>
    <message>
        <source>Write what the work was after the time, e.g. “2 tiếng soạn báo cáo”.</source>
        <translation>Write what the work was after the time, e.g. “2 tiếng soạn báo cáo”.</translation>
    </message>
    <message>
        <source>Saved, but %1 now has %2 — more than 24 hours in one day.</source>
        <translation>Saved, but %1 now has %2 — more than 24 hours in one day.</translation>
    </message>
    <message>
        <source>%1 recurring entries copied.</source>
        <translation>%1 recurring entries copied.</translation>
    </message>
    <message>
        <source>Edit diary entry</source>
        <translation>Edit diary entry</translation>
    </message>
    <message>
        <source>New diary entry</source>
        <translation>New diary entry</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>Deleted “%1”.</translation>
    </message>
    <message>
        <source>Accept drafted entry</source>
        <translation>Accept drafted entry</translation>
    </message>
    <message>
        <source>The week of %1 is approved and locked.</source>
        <translation>The week of %1 is approved and locked.</translation>
    </message>
    <message>
        <source>Reopen the approved week</source>
        <translation>Reopen the approved week</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Comment on “%1”</source>
        <translation>Comment on “%1”</translation>
    </message>
    <message>
        <source>Comment on the week</source>
        <translation>Comment on the week</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Report written: %1</translation>
    </message>
</context>
<context>
    <name>DirectDialog</name>
    <message>
        <source>Direct document</source>
        <translation>Direct document</translation>
    </message>
    <message>
        <source>e.g. Assign the Finance office to lead, report before the deadline.</source>
        <translation>e.g. Assign the Finance office to lead, report before the deadline.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Replace the lead</source>
        <extracomment>&quot;Thay người chủ trì&quot;: offered when the document already has a lead at work.</extracomment>
        <translation>Replace the lead</translation>
    </message>
    <message>
        <source>The new lead takes over; %1 is told the task was given to someone else.</source>
        <translation>The new lead takes over; %1 is told the task was given to someone else.</translation>
    </message>
    <message>
        <source>Current lead: %1</source>
        <translation>Current lead: %1</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>Direct</translation>
    </message>
    <message>
        <source>Add at least one line: who leads the handling.</source>
        <translation>Add at least one line: who leads the handling.</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <source>Add PDF…</source>
        <translation>Add PDF…</translation>
    </message>
    <message>
        <source>Add PDF files to the selected item (Ctrl+O; or drop them on it)</source>
        <translation>Add PDF files to the selected item (Ctrl+O; or drop them on it)</translation>
    </message>
    <message>
        <source>From the registers…</source>
        <translation>From the registers…</translation>
    </message>
    <message>
        <source>Add a document from the registers to the selected item</source>
        <translation>Add a document from the registers to the selected item</translation>
    </message>
    <message>
        <source>Replace document…</source>
        <translation>Replace document…</translation>
    </message>
    <message>
        <source>Replace the selected document with a new version (the old is kept)</source>
        <translation>Replace the selected document with a new version (the old is kept)</translation>
    </message>
    <message>
        <source>Who may read…</source>
        <translation>Who may read…</translation>
    </message>
    <message>
        <source>Who may read the selected document, and from when</source>
        <translation>Who may read the selected document, and from when</translation>
    </message>
    <message>
        <source>Versions…</source>
        <translation>Versions…</translation>
    </message>
    <message>
        <source>Compare the selected document&apos;s versions</source>
        <translation>Compare the selected document&apos;s versions</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>Remove document</translation>
    </message>
    <message>
        <source>Remove the selected document</source>
        <translation>Remove the selected document</translation>
    </message>
    <message>
        <source>Select a document first</source>
        <translation>Select a document first</translation>
    </message>
    <message>
        <source>Select an agenda item first</source>
        <translation>Select an agenda item first</translation>
    </message>
    <message>
        <source>Add PDF documents</source>
        <translation>Add PDF documents</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>%1 documents added</source>
        <translation>%1 documents added</translation>
    </message>
    <message>
        <source>Document added: %1</source>
        <translation>Document added: %1</translation>
    </message>
    <message>
        <source>Replace “%1”</source>
        <translation>Replace “%1”</translation>
    </message>
    <message>
        <source>Document replaced: version %1; readers see it as updated</source>
        <translation>Document replaced: version %1; readers see it as updated</translation>
    </message>
    <message>
        <source>Access sent; it takes effect when the server accepts it</source>
        <translation>Access sent; it takes effect when the server accepts it</translation>
    </message>
    <message>
        <source>Access saved</source>
        <translation>Access saved</translation>
    </message>
    <message>
        <source>Remove “%1” from the agenda?</source>
        <translation>Remove “%1” from the agenda?</translation>
    </message>
    <message>
        <source>It is kept in the record, but nobody sees it on the agenda any more.</source>
        <translation>It is kept in the record, but nobody sees it on the agenda any more.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Document removed: %1</source>
        <translation>Document removed: %1</translation>
    </message>
</context>
<context>
    <name>DocumentDetail</name>
    <message>
        <source>%1 (for %2)</source>
        <extracomment>Its latest deadline extension request (``extension_dialog``), if any. The files&apos; SHA-256 digests, in the same order (to fetch the missing ones). Outgoing draft: the leader chosen to sign it (``Document.signer_id``). Outgoing draft: who signs it before the leader (``Document.cosigner_id``). The files with their ids and signatures, in the same order as ``files``. The number the register gave (None while &quot;chờ cấp số&quot;). The trusted roots on this computer, to verify the files&apos; signatures against.</extracomment>
        <translation>%1 (for %2)</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <source>%1 document: numbered in the secret register</source>
        <extracomment>``Qt.UserRole + 1`` of the subject column: the search&apos;s ``MatchHint`` (None outside a search).</extracomment>
        <translation>%1 document: numbered in the secret register</translation>
    </message>
    <message>
        <source>Arrival no. / Number</source>
        <translation>Arrival no. / Number</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Issuing organ</source>
        <translation>Issuing organ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Arrival no., number and notation</source>
        <extracomment>Headers that follow what the list holds: incoming, outgoing, or both.</extracomment>
        <translation>Arrival no., number and notation</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Arrival date</translation>
    </message>
    <message>
        <source>Number and notation</source>
        <translation>Number and notation</translation>
    </message>
    <message>
        <source>Issued date</source>
        <translation>Issued date</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>For: %1</source>
        <extracomment>Rows in the box for an absent leader the user acts for: id → the leader&apos;s name. Why each search result matched, by document id (empty outside a search).</extracomment>
        <translation>For: %1</translation>
    </message>
    <message>
        <source>Found in the file: %1</source>
        <translation>Found in the file: %1</translation>
    </message>
</context>
<context>
    <name>DocumentsSection</name>
    <message>
        <source>&amp;Document</source>
        <extracomment>``Document.number_label`` of a document whose number the server has yet to give. The list&apos;s columns: width at 1366×768 first, and the order in which they give way when the list is narrow (the subject stretches and keeps at least SUBJECT_AT_LEAST). How long a message of the status bar stays (ms). What the list and the boxes&apos; counts show. Besides the sources&apos; own tables, what the follow-up panel&apos;s items depend on. What the document on screen shows: its history and its signatures&apos; trust too. The absent leaders this user acts for today (ủy quyền): id → name. Who runs &quot;Cấp số, ban hành…&quot; (the signing section sets it: number, fill in, seal, in steps). A document registered while its number is pending: its number is said when it comes. A document just made: opened once the list is read, if the list does not hold it. Over an empty list: what the box holds, and that it is empty.</extracomment>
        <translation>&amp;Document</translation>
    </message>
    <message>
        <source>&amp;Handling</source>
        <translation>&amp;Handling</translation>
    </message>
    <message>
        <source>Register incoming…</source>
        <translation>Register incoming…</translation>
    </message>
    <message>
        <source>Enter a received document in the incoming register</source>
        <translation>Enter a received document in the incoming register</translation>
    </message>
    <message>
        <source>New draft…</source>
        <translation>New draft…</translation>
    </message>
    <message>
        <source>Print register…</source>
        <translation>Print register…</translation>
    </message>
    <message>
        <source>Direct…</source>
        <translation>Direct…</translation>
    </message>
    <message>
        <source>Return document…</source>
        <translation>Return document…</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>Start handling</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>Complete…</translation>
    </message>
    <message>
        <source>Return line…</source>
        <translation>Return line…</translation>
    </message>
    <message>
        <source>Forward down…</source>
        <translation>Forward down…</translation>
    </message>
    <message>
        <source>Submit for signature…</source>
        <translation>Submit for signature…</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>Approve…</translation>
    </message>
    <message>
        <source>Return draft…</source>
        <translation>Return draft…</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>Issue…</translation>
    </message>
    <message>
        <source>Deliver…</source>
        <translation>Deliver…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>No document matches this search.</source>
        <translation>No document matches this search.</translation>
    </message>
    <message>
        <source>No document matches “%1”.</source>
        <translation>No document matches “%1”.</translation>
    </message>
    <message>
        <source>Try fewer words, or other filters.</source>
        <translation>Try fewer words, or other filters.</translation>
    </message>
    <message>
        <source>There is no document here now.</source>
        <translation>There is no document here now.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Search results</translation>
    </message>
    <message>
        <source>Registered and returned to the sender, with the reason.</source>
        <translation>Registered and returned to the sender, with the reason.</translation>
    </message>
    <message>
        <source>Registered with arrival number %1.</source>
        <translation>Registered with arrival number %1.</translation>
    </message>
    <message>
        <source>Registered; the server gives the arrival number when it syncs (number pending).</source>
        <translation>Registered; the server gives the arrival number when it syncs (number pending).</translation>
    </message>
    <message>
        <source>The server gave arrival number %1 to the document just registered.</source>
        <translation>The server gave arrival number %1 to the document just registered.</translation>
    </message>
    <message>
        <source>Directed: the people given the task are told at once.</source>
        <translation>Directed: the people given the task are told at once.</translation>
    </message>
    <message>
        <source>Handling started.</source>
        <translation>Handling started.</translation>
    </message>
    <message>
        <source>Complete handling</source>
        <translation>Complete handling</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Marked done; the leader who directed sees it.</source>
        <translation>Marked done; the leader who directed sees it.</translation>
    </message>
    <message>
        <source>Return line</source>
        <translation>Return line</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Returned to the leader, with the reason.</source>
        <translation>Returned to the leader, with the reason.</translation>
    </message>
    <message>
        <source>Return document</source>
        <translation>Return document</translation>
    </message>
    <message>
        <source>Returned to the sender, with the reason.</source>
        <translation>Returned to the sender, with the reason.</translation>
    </message>
    <message>
        <source>Draft saved in “My drafts”; submit it for signature when it is ready.</source>
        <translation>Draft saved in “My drafts”; submit it for signature when it is ready.</translation>
    </message>
    <message>
        <source>Approve draft</source>
        <translation>Approve draft</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Approved; the clerk can now number and issue it.</source>
        <translation>Approved; the clerk can now number and issue it.</translation>
    </message>
    <message>
        <source>Return draft</source>
        <translation>Return draft</translation>
    </message>
    <message>
        <source>Returned to the drafter, with the comment.</source>
        <translation>Returned to the drafter, with the comment.</translation>
    </message>
    <message>
        <source>The document was issued; the server gives its number when it syncs.</source>
        <translation>The document was issued; the server gives its number when it syncs.</translation>
    </message>
    <message>
        <source>The document was issued with number %1.</source>
        <translation>The document was issued with number %1.</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>The documents received and entered in the incoming register.</source>
        <translation>The documents received and entered in the incoming register.</translation>
    </message>
    <message>
        <source>The organisation&apos;s outgoing documents: approved, numbered and issued.</source>
        <translation>The organisation&apos;s outgoing documents: approved, numbered and issued.</translation>
    </message>
    <message>
        <source>What waits for you: tasks given to you or your unit, documents to direct or issue.</source>
        <translation>What waits for you: tasks given to you or your unit, documents to direct or issue.</translation>
    </message>
    <message>
        <source>Tasks whose deadline comes within the next working days.</source>
        <translation>Tasks whose deadline comes within the next working days.</translation>
    </message>
    <message>
        <source>Tasks past their deadline and not finished.</source>
        <translation>Tasks past their deadline and not finished.</translation>
    </message>
    <message>
        <source>Drafts submitted to you for approval and signature, or awaiting your signature before the leader&apos;s.</source>
        <translation>Drafts submitted to you for approval and signature, or awaiting your signature before the leader&apos;s.</translation>
    </message>
    <message>
        <source>The outgoing drafts you wrote.</source>
        <translation>The outgoing drafts you wrote.</translation>
    </message>
    <message>
        <source>Pass on for signature…</source>
        <translation>Pass on for signature…</translation>
    </message>
    <message>
        <source>The draft was sent to the head of your unit for review.</source>
        <translation>The draft was sent to the head of your unit for review.</translation>
    </message>
    <message>
        <source>The draft was submitted to the leader for signature.</source>
        <translation>The draft was submitted to the leader for signature.</translation>
    </message>
    <message>
        <source>The draft was passed on to the leader for signature.</source>
        <translation>The draft was passed on to the leader for signature.</translation>
    </message>
    <message>
        <source>Delegate…</source>
        <translation>Delegate…</translation>
    </message>
    <message>
        <source>Name a deputy to act for you while you are away</source>
        <translation>Name a deputy to act for you while you are away</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <source>New outgoing draft</source>
        <translation>New outgoing draft</translation>
    </message>
    <message>
        <source>PDF files</source>
        <translation>PDF files</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Recipients</translation>
    </message>
    <message>
        <source>Signer&apos;s position</source>
        <translation>Signer&apos;s position</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copies</translation>
    </message>
    <message>
        <source>Reply to: %1</source>
        <translation>Reply to: %1</translation>
    </message>
    <message>
        <source>Issuing the reply closes your handling of that document.</source>
        <translation>Issuing the reply closes your handling of that document.</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>Add the draft&apos;s PDF file.</source>
        <translation>Add the draft&apos;s PDF file.</translation>
    </message>
</context>
<context>
    <name>DraftsModel</name>
    <message>
        <source>At</source>
        <translation>At</translation>
    </message>
    <message>
        <source>Proposed entry</source>
        <translation>Proposed entry</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Overlaps another entry, or the day passes 24 hours</source>
        <translation>Overlaps another entry, or the day passes 24 hours</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>From – to</source>
        <translation>From – to</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Repeats most days (offered by “copy yesterday&apos;s”)</source>
        <translation>Repeats most days (offered by “copy yesterday&apos;s”)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Work</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
</context>
<context>
    <name>ExtensionBar</name>
    <message>
        <source>Ask for extension…</source>
        <translation>Ask for extension…</translation>
    </message>
    <message>
        <source>Approve extension…</source>
        <translation>Approve extension…</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>Ask the directing leader for a later deadline</source>
        <translation>Ask the directing leader for a later deadline</translation>
    </message>
    <message>
        <source>Refuse the extension asked, with a reason</source>
        <translation>Refuse the extension asked, with a reason</translation>
    </message>
    <message>
        <source>%1 asks for an extension until %2: %3</source>
        <extracomment>Where the line&apos;s latest request stands, in words (the state column may be cut).</extracomment>
        <translation>%1 asks for an extension until %2: %3</translation>
    </message>
    <message>
        <source>Extended until %4 (asked until %2).</source>
        <translation>Extended until %4 (asked until %2).</translation>
    </message>
    <message>
        <source>The extension until %2 was refused: %5</source>
        <translation>The extension until %2 was refused: %5</translation>
    </message>
</context>
<context>
    <name>Extensions</name>
    <message>
        <source>Extension asked until %1</source>
        <extracomment>The leader who directed the line: who decides.</extracomment>
        <translation>Extension asked until %1</translation>
    </message>
    <message>
        <source>Extended until %1</source>
        <translation>Extended until %1</translation>
    </message>
    <message>
        <source>Extension refused: %1</source>
        <translation>Extension refused: %1</translation>
    </message>
</context>
<context>
    <name>FileList</name>
    <message>
        <source>Drop PDF files here. The first file is the main document.</source>
        <translation>Drop PDF files here. The first file is the main document.</translation>
    </message>
    <message>
        <source>Add PDF…</source>
        <translation>Add PDF…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Choose the document&apos;s PDF files</source>
        <translation>Choose the document&apos;s PDF files</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>PDF files (*.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>Drop the PDF files here, or press “Add PDF…”.</source>
        <translation>Drop the PDF files here, or press “Add PDF…”.</translation>
    </message>
    <message>
        <source>Main file</source>
        <translation>Main file</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Attachment</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <source>(any)</source>
        <translation>(any)</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direction</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>FirstSyncDialog</name>
    <message>
        <source>Getting your documents</source>
        <translation>Getting your documents</translation>
    </message>
    <message>
        <source>Downloading your documents from the server for the first time…</source>
        <translation>Downloading your documents from the server for the first time…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 rows received</source>
        <translation>%1 rows received</translation>
    </message>
    <message>
        <source>Stopping after the current page…</source>
        <translation>Stopping after the current page…</translation>
    </message>
</context>
<context>
    <name>FollowupModel</name>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished">From</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished">Deadline</translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">State</translation>
    </message>
</context>
<context>
    <name>FollowupPanel</name>
    <message>
        <source>overdue</source>
        <extracomment>Rows shown before the panel scrolls: the documents keep most of the height.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <source>Forward line</source>
        <translation>Forward line</translation>
    </message>
    <message>
        <source>Forward to</source>
        <translation>Forward to</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>Add at least one line.</source>
        <translation>Add at least one line.</translation>
    </message>
    <message>
        <source>Forward for handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New deadline:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageBox</name>
    <message>
        <source>Choose image…</source>
        <translation>Choose image…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>No image</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Issue document</source>
        <translation>Issue document</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Issued date</source>
        <translation>Issued date</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Issue</translation>
    </message>
</context>
<context>
    <name>IssueFlowDialog</name>
    <message>
        <source>Number and issue</source>
        <extracomment>The step (one of STEPS) and its state changed (tests wait on it). The document is issued (sealed, or numbered when signed on paper). ``online()``: True/None (not known yet) lets the number be asked; False says why not.</extracomment>
        <translation>Number and issue</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>&amp;Issued date</source>
        <translation>&amp;Issued date</translation>
    </message>
    <message>
        <source>Number from the server</source>
        <translation>Number from the server</translation>
    </message>
    <message>
        <source>Number and date written into the document</source>
        <translation>Number and date written into the document</translation>
    </message>
    <message>
        <source>Agency signature (seal)</source>
        <translation>Agency signature (seal)</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <source>&amp;Deliver…</source>
        <translation>&amp;Deliver…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The server did not give the number: see the notifications.</source>
        <extracomment>What tells the dialog the desk changed: the window&apos;s ``changed`` (sync rounds too). While the number is awaited, the desk is read again now and then too: a sync round that brings it may announce only the tables it changed.</extracomment>
        <translation>The server did not give the number: see the notifications.</translation>
    </message>
    <message>
        <source>Number %1</source>
        <translation>Number %1</translation>
    </message>
    <message>
        <source>Not numbered yet.</source>
        <translation>Not numbered yet.</translation>
    </message>
    <message>
        <source>Waiting for the server to give the number…</source>
        <translation>Waiting for the server to give the number…</translation>
    </message>
    <message>
        <source>Approved without a digital signature: nothing to fill in or seal.</source>
        <translation>Approved without a digital signature: nothing to fill in or seal.</translation>
    </message>
    <message>
        <source>Written: %1, %2</source>
        <translation>Written: %1, %2</translation>
    </message>
    <message>
        <source>The file has no places for the number and date; the agency signature names the number.</source>
        <translation>The file has no places for the number and date; the agency signature names the number.</translation>
    </message>
    <message>
        <source>Sealed.</source>
        <translation>Sealed.</translation>
    </message>
    <message>
        <source>Press Continue to sign with the agency&apos;s card (PIN).</source>
        <translation>Press Continue to sign with the agency&apos;s card (PIN).</translation>
    </message>
    <message>
        <source>Issued as %1.</source>
        <translation>Issued as %1.</translation>
    </message>
    <message>
        <source>Delivered to %1 organisation(s).</source>
        <translation>Delivered to %1 organisation(s).</translation>
    </message>
    <message>
        <source>No other organisation in eOffice to deliver to.</source>
        <translation>No other organisation in eOffice to deliver to.</translation>
    </message>
    <message>
        <source>No connection to the server.</source>
        <translation>No connection to the server.</translation>
    </message>
    <message>
        <source>The number is given by the server: connect to the server to number the document, then press Continue.</source>
        <translation>The number is given by the server: connect to the server to number the document, then press Continue.</translation>
    </message>
    <message>
        <source>Asking the server for the number…</source>
        <translation>Asking the server for the number…</translation>
    </message>
    <message>
        <source>Writing the number and date…</source>
        <translation>Writing the number and date…</translation>
    </message>
    <message>
        <source>Sign with the agency&apos;s card (PIN)…</source>
        <translation>Sign with the agency&apos;s card (PIN)…</translation>
    </message>
    <message>
        <source>Not done.</source>
        <translation>Not done.</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Presenter:</source>
        <translation>&amp;Presenter:</translation>
    </message>
    <message>
        <source>Presenting &amp;unit:</source>
        <translation>Presenting &amp;unit:</translation>
    </message>
    <message>
        <source>Planned &amp;time:</source>
        <translation>Planned &amp;time:</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>&amp;Decision:</translation>
    </message>
    <message>
        <source>&amp;Vote rule:</source>
        <translation>&amp;Vote rule:</translation>
    </message>
    <message>
        <source>The item needs a title</source>
        <translation>The item needs a title</translation>
    </message>
</context>
<context>
    <name>KeyChooser</name>
    <message>
        <source>Find e-cards</source>
        <translation>Find e-cards</translation>
    </message>
    <message>
        <source>Certificate file…</source>
        <translation>Certificate file…</translation>
    </message>
    <message>
        <source>Key to sign with</source>
        <translation>Key to sign with</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <extracomment>Asks for a .p12 file; replaced in tests, where no file dialog can be clicked.</extracomment>
        <translation>Certificate file</translation>
    </message>
    <message>
        <source>Certificates (*.p12 *.pfx)</source>
        <translation>Certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Looking for e-cards…</source>
        <translation>Looking for e-cards…</translation>
    </message>
    <message>
        <source>No e-card is plugged in; you can sign with the certificate on this computer.</source>
        <translation>No e-card is plugged in; you can sign with the certificate on this computer.</translation>
    </message>
    <message>
        <source>No e-card found. Plug it in, or choose a certificate file.</source>
        <translation>No e-card found. Plug it in, or choose a certificate file.</translation>
    </message>
    <message>
        <source>Certificates found on e-cards: %1.</source>
        <translation>Certificates found on e-cards: %1.</translation>
    </message>
    <message>
        <source>Cannot read the e-cards.</source>
        <translation>Cannot read the e-cards.</translation>
    </message>
</context>
<context>
    <name>KeyListModel</name>
    <message>
        <source>%1 — certificate on this computer, valid until %2</source>
        <translation>%1 — certificate on this computer, valid until %2</translation>
    </message>
    <message>
        <source>%1 — certificate on this computer</source>
        <translation>%1 — certificate on this computer</translation>
    </message>
    <message>
        <source>%1 — e-card “%2”, valid until %3</source>
        <translation>%1 — e-card “%2”, valid until %3</translation>
    </message>
    <message>
        <source> (expired)</source>
        <translation> (expired)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Incoming documents</source>
        <translation>Incoming documents</translation>
    </message>
    <message>
        <source>Outgoing documents</source>
        <translation>Outgoing documents</translation>
    </message>
    <message>
        <source>Waiting for me</source>
        <translation>Waiting for me</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Drafts to approve</source>
        <translation>Drafts to approve</translation>
    </message>
    <message>
        <source>My drafts</source>
        <translation>My drafts</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Submitted for signature</source>
        <translation>Submitted for signature</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Numbered, awaiting the seal</source>
        <translation>Numbered, awaiting the seal</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Issued</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Handling</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Coordinate</source>
        <translation>Coordinate</translation>
    </message>
    <message>
        <source>For information</source>
        <translation>For information</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Very urgent</source>
        <translation>Very urgent</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Flash</translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation>Ordinary</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Confidential</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <source>Top secret</source>
        <translation>Top secret</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Incoming</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Outgoing</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>awaiting number</source>
        <translation>awaiting number</translation>
    </message>
    <message>
        <source>Awaiting the head of unit&apos;s review</source>
        <translation>Awaiting the head of unit&apos;s review</translation>
    </message>
</context>
<context>
    <name>LinesEditor</name>
    <message>
        <source>Choose a unit or a person…</source>
        <translation>Choose a unit or a person…</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>working days</translation>
    </message>
    <message>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>no deadline</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Add line</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Remove line</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 working days</translation>
    </message>
    <message>
        <source>%1 now coordinates: a document has one lead.</source>
        <translation>%1 now coordinates: a document has one lead.</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>Part</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Unit / person</source>
        <translation>Unit / person</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Reason / result</source>
        <translation>Reason / result</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to eOffice</source>
        <extracomment>``sign_in(server_url, username, password)`` runs on a pool thread and returns anything (the opened account); a DomainError is shown in the dialog.</extracomment>
        <translation>Sign in to eOffice</translation>
    </message>
    <message>
        <source>Sign in with the account your administrator gave you.</source>
        <translation>Sign in with the account your administrator gave you.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Fill in the server, the username and the password.</source>
        <translation>Fill in the server, the username and the password.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Something went wrong inside eOffice: %1</source>
        <translation>Something went wrong inside eOffice: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Refresh</source>
        <extracomment>Item data naming the section a sidebar entry belongs to. Said before the window closes (the demo&apos;s serving window: others go offline); &quot;&quot; closes at once. The question open before switching users or closing (tests answer it). Network work (sign-out, fetching files) off the GUI thread.</extracomment>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>Demo user: </source>
        <translation>Demo user: </translation>
    </message>
    <message>
        <source>eOffice — %1 (%2)</source>
        <translation>eOffice — %1 (%2)</translation>
    </message>
    <message>
        <source>eOffice — %1</source>
        <translation>eOffice — %1</translation>
    </message>
    <message>
        <source>Open the desk of %1?</source>
        <translation>Open the desk of %1?</translation>
    </message>
    <message>
        <source>This window closes and %1&apos;s desk opens in its place.</source>
        <translation>This window closes and %1&apos;s desk opens in its place.</translation>
    </message>
    <message>
        <source>What waits to be sent (%1) stays on this computer and is sent when %2 opens eOffice again.</source>
        <translation>What waits to be sent (%1) stays on this computer and is sent when %2 opens eOffice again.</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>Switch user</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Close eOffice</source>
        <translation>Close eOffice</translation>
    </message>
    <message>
        <source>Close eOffice?</source>
        <translation>Close eOffice?</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>&amp;Sync</translation>
    </message>
    <message>
        <source>Syncing with the server…</source>
        <translation>Syncing with the server…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cannot do this</source>
        <translation>Cannot do this</translation>
    </message>
    <message>
        <source>Program error</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>Something went wrong inside eOffice. Nothing was saved. Please send the details below to the administrator.</source>
        <translation>Something went wrong inside eOffice. Nothing was saved. Please send the details below to the administrator.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
</context>
<context>
    <name>MatchDelegate</name>
    <message>
        <source>in the file:</source>
        <extracomment>A piece of text to draw: (text, marked, grey).</extracomment>
        <translation>in the file:</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Add room…</source>
        <translation>Add room…</translation>
    </message>
    <message>
        <source>Add a meeting room to the organisation&apos;s list</source>
        <translation>Add a meeting room to the organisation&apos;s list</translation>
    </message>
    <message>
        <source>Another place, when not one of the rooms</source>
        <translation>Another place, when not one of the rooms</translation>
    </message>
    <message>
        <source>https://… (the online meeting&apos;s address)</source>
        <translation>https://… (the online meeting&apos;s address)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Secret meeting (its documents reach only its participants)</source>
        <translation>Secret meeting (its documents reach only its participants)</translation>
    </message>
    <message>
        <source>Notes printed on the invitation</source>
        <translation>Notes printed on the invitation</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>&amp;Starts:</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>&amp;Ends:</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>&amp;Room:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Place:</translation>
    </message>
    <message>
        <source>&amp;Online link:</source>
        <translation>&amp;Online link:</translation>
    </message>
    <message>
        <source>C&amp;hair:</source>
        <translation>C&amp;hair:</translation>
    </message>
    <message>
        <source>Se&amp;cretary:</source>
        <translation>Se&amp;cretary:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <source>Sittings</source>
        <translation>Sittings</translation>
    </message>
    <message>
        <source>Add sitting…</source>
        <translation>Add sitting…</translation>
    </message>
    <message>
        <source>Edit sitting…</source>
        <translation>Edit sitting…</translation>
    </message>
    <message>
        <source>Remove sitting</source>
        <translation>Remove sitting</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>(another place)</source>
        <translation>(another place)</translation>
    </message>
    <message>
        <source>Sitting %1</source>
        <translation>Sitting %1</translation>
    </message>
    <message>
        <source>Warning (saving is still allowed):</source>
        <translation>Warning (saving is still allowed):</translation>
    </message>
    <message>
        <source>The meeting needs a title</source>
        <translation>The meeting needs a title</translation>
    </message>
    <message>
        <source>The chair and the secretary must be two people.</source>
        <translation>The chair and the secretary must be two people.</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>Room %1 already has the meeting “%2” at the same time (%3)</source>
        <extracomment>A session of the People&apos;s Council has sittings over days (the others have one). How long after the last change the conflicts are asked again (typing a time).</extracomment>
        <translation>Room %1 already has the meeting “%2” at the same time (%3)</translation>
    </message>
    <message>
        <source>%1 is already booked for the meeting “%2” at the same time (%3)</source>
        <translation>%1 is already booked for the meeting “%2” at the same time (%3)</translation>
    </message>
    <message>
        <source>%1 already has the meeting “%2” at the same time (%3)</source>
        <translation>%1 already has the meeting “%2” at the same time (%3)</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <source>Edit meeting details</source>
        <translation>Edit meeting details</translation>
    </message>
    <message>
        <source>Meeting created: %1</source>
        <translation>Meeting created: %1</translation>
    </message>
    <message>
        <source>Meeting saved: %1</source>
        <translation>Meeting saved: %1</translation>
    </message>
    <message>
        <source>Room added: %1</source>
        <translation>Room added: %1</translation>
    </message>
    <message>
        <source>Sitting added</source>
        <translation>Sitting added</translation>
    </message>
    <message>
        <source>Sitting saved</source>
        <translation>Sitting saved</translation>
    </message>
    <message>
        <source>Remove sitting</source>
        <translation>Remove sitting</translation>
    </message>
    <message>
        <source>Remove sitting %1?</source>
        <translation>Remove sitting %1?</translation>
    </message>
    <message>
        <source>A sitting with agenda items keeps them: move or remove them first.</source>
        <translation>A sitting with agenda items keeps them: move or remove them first.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Sitting removed</source>
        <translation>Sitting removed</translation>
    </message>
</context>
<context>
    <name>MeetingNotices</name>
    <message>
        <source>(secret meeting)</source>
        <translation>(secret meeting)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 on %2</translation>
    </message>
    <message>
        <source>Meeting invitation: %1, %2</source>
        <translation>Meeting invitation: %1, %2</translation>
    </message>
    <message>
        <source>Meeting invitation: %1</source>
        <translation>Meeting invitation: %1</translation>
    </message>
    <message>
        <source>The meeting %1 is postponed: %2</source>
        <translation>The meeting %1 is postponed: %2</translation>
    </message>
    <message>
        <source>The meeting %1 is cancelled: %2</source>
        <translation>The meeting %1 is cancelled: %2</translation>
    </message>
    <message>
        <source>The meeting %1 has started</source>
        <translation>The meeting %1 has started</translation>
    </message>
    <message>
        <source>The meeting %1 has ended</source>
        <translation>The meeting %1 has ended</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Someone</translation>
    </message>
    <message>
        <source>%1 answered: will attend (%2)</source>
        <translation>%1 answered: will attend (%2)</translation>
    </message>
    <message>
        <source>%1 answered: absent — %3 (%2)</source>
        <translation>%1 answered: absent — %3 (%2)</translation>
    </message>
    <message>
        <source>%1 answered: sends %4 instead (%2)</source>
        <translation>%1 answered: sends %4 instead (%2)</translation>
    </message>
    <message>
        <source>%1 answered the invitation (%2)</source>
        <translation>%1 answered the invitation (%2)</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <source>◀ Calendar</source>
        <extracomment>The meeting&apos;s states in which its session can be run or joined. The minutes are written during the session and after it. A meeting assigns tasks once it is called, until it is archived (``meetings.tasks``). The comments this user may collect (organisers, the presenting unit). Back to the calendar. A refresh is on screen (tests wait on it). A document was opened in the reader (its id). The agenda item to select once the next refresh is on screen (after an edit).</extracomment>
        <translation>◀ Calendar</translation>
    </message>
    <message>
        <source>Back to the calendar (Esc)</source>
        <translation>Back to the calendar (Esc)</translation>
    </message>
    <message>
        <source>Make invitation</source>
        <translation>Make invitation</translation>
    </message>
    <message>
        <source>Write the invitation as an outgoing draft (type GM)</source>
        <translation>Write the invitation as an outgoing draft (type GM)</translation>
    </message>
    <message>
        <source>Attendance cards…</source>
        <translation>Attendance cards…</translation>
    </message>
    <message>
        <source>Print the participants&apos; cards with their QR passes (needs the server)</source>
        <translation>Print the participants&apos; cards with their QR passes (needs the server)</translation>
    </message>
    <message>
        <source>Answer invitation…</source>
        <translation>Answer invitation…</translation>
    </message>
    <message>
        <source>Will you attend, are you absent, or do you send someone? (Ctrl+Shift+A)</source>
        <translation>Will you attend, are you absent, or do you send someone? (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Edit details…</source>
        <translation>Edit details…</translation>
    </message>
    <message>
        <source>Title, times, place, chair and secretary, sittings (Ctrl+E)</source>
        <translation>Title, times, place, chair and secretary, sittings (Ctrl+E)</translation>
    </message>
    <message>
        <source>Run the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The chair&apos;s console: agenda, speakers, attendance, votes, big screen (Ctrl+Shift+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the chair, check in, ask to speak and vote (Ctrl+Shift+J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes…</source>
        <extracomment>The session&apos;s window opened last (console or delegate&apos;s view).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the minutes from what happened in the session; sign and issue them (Ctrl+Shift+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <extracomment>The minutes editor opened last.</extracomment>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Start, end, postpone or cancel the meeting</source>
        <translation>Start, end, postpone or cancel the meeting</translation>
    </message>
    <message>
        <source>Read document</source>
        <translation>Read document</translation>
    </message>
    <message>
        <source>Open the selected document (Enter)</source>
        <translation>Open the selected document (Enter)</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Comment…</translation>
    </message>
    <message>
        <source>Write your opinion on the selected draft (Ctrl+K)</source>
        <translation>Write your opinion on the selected draft (Ctrl+K)</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Agenda</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Who has read</source>
        <translation>Who has read</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Written opinions</source>
        <translation>Written opinions</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Time:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Time:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Place:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Place:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chair:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Chair:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Secretary:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Secretary:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;You:&lt;/b&gt; %1, %2</source>
        <translation>&lt;b&gt;You:&lt;/b&gt; %1, %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Notes:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Notes:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 documents: %2 not read, %3 updated</source>
        <translation>%1 documents: %2 not read, %3 updated</translation>
    </message>
    <message>
        <source>%1 participants</source>
        <translation>%1 participants</translation>
    </message>
    <message>
        <source>Downloading the document…</source>
        <translation>Downloading the document…</translation>
    </message>
</context>
<context>
    <name>MeetingTasks</name>
    <message>
        <source>Waiting</source>
        <extracomment>The tables these screens show. &quot;Giao nhiệm vụ…&quot; on the meeting page (free in the window: checked against ``eoffice/ui``). The deadline a new task proposes, in working days.</extracomment>
        <translation type="unfinished">Waiting</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished">In progress</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned</source>
        <translation type="unfinished">Returned</translation>
    </message>
    <message>
        <source>Forwarded for handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for me</source>
        <translation type="unfinished">Waiting for me</translation>
    </message>
    <message>
        <source>I coordinate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open tasks of meetings I chaired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assigned or forwarded by me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed by me or my unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting · %2 due soon · %3 overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed %1/%2 tasks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task returned (%1): %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task completed: %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task assigned to you at the meeting %1 (deadline %2): %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MeetingTasksPanel</name>
    <message>
        <source>Assign a task…</source>
        <extracomment>A refresh is on screen (tests wait on it).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What, who leads, who coordinates, the deadline in working days (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No task assigned in this meeting yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task assigned</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Meetings</name>
    <message>
        <source>People&apos;s Committee meeting (regular)</source>
        <translation>People&apos;s Committee meeting (regular)</translation>
    </message>
    <message>
        <source>People&apos;s Committee meeting (topical)</source>
        <translation>People&apos;s Committee meeting (topical)</translation>
    </message>
    <message>
        <source>People&apos;s Council session</source>
        <translation>People&apos;s Council session</translation>
    </message>
    <message>
        <source>Briefing</source>
        <translation>Briefing</translation>
    </message>
    <message>
        <source>Agency meeting</source>
        <translation>Agency meeting</translation>
    </message>
    <message>
        <source>Conference</source>
        <translation>Conference</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Invited</translation>
    </message>
    <message>
        <source>In session</source>
        <translation>In session</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Postponed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chair</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Secretary</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Member</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Guest</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <source>Will attend</source>
        <translation>Will attend</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Sends a substitute</source>
        <translation>Sends a substitute</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Discussion</source>
        <translation>Discussion</translation>
    </message>
    <message>
        <source>Vote</source>
        <translation>Vote</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Not read</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>Tasks assigned in meetings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tasks meetings gave you or your unit: waiting · due soon · overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The meetings&apos; calendar, agendas and documents</source>
        <translation>The meetings&apos; calendar, agendas and documents</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>New meeting…</translation>
    </message>
    <message>
        <source>Call a new meeting: title, times, place, chair and secretary</source>
        <translation>Call a new meeting: title, times, place, chair and secretary</translation>
    </message>
</context>
<context>
    <name>MinutesEditor</name>
    <message>
        <source>Minutes: %1</source>
        <extracomment>Autosave this long after the last keystroke (ms). A burst of live events asks the record once, this long after the last (ms). (part, label) of each field the secretary writes here, in order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update from the session</source>
        <extracomment>Every part&apos;s text as written (loaded, then as typed). The section drawn now and its fields; the label of its facts. Where the record was exported last.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read again what happened in the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minutes as they will print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the minutes as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Word…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the minutes as a Word document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the minutes&apos; draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The minutes as an outgoing draft (type BB): the secretary signs, then the chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the conclusions notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The items&apos; conclusions as a notice (type TB) in the outgoing flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The closed meeting&apos;s whole record for the archive: one PDF with bookmarks and a ZIP of the originals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assign a task…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A task from the item shown: what, who leads, who coordinates, the deadline in working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <extracomment>The &quot;Giao nhiệm vụ&quot; dialog opened last.</extracomment>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <source>Save what was written now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the copy on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the session from the server (%1); showing %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attendance and opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening (after “Nội dung”)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited guests (leave empty to list those present)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presented by (leave empty for the agenda&apos;s presenter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary of the discussion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End and recipients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing line (before the end time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipients (Nơi nhận), one per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session&apos;s record has not reached this computer yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session is under way: what happens is added as it happens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished">PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting the meeting&apos;s record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The meeting&apos;s record was exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes&apos; draft made; see Outgoing documents / My drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conclusions notice drafted; see Outgoing documents / My drafts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MonthModel</name>
    <message>
        <source>+%1 more</source>
        <translation>+%1 more</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>(secret document)</source>
        <extracomment>How many notifications the list keeps (older ones drop off).</extracomment>
        <translation>(secret document)</translation>
    </message>
    <message>
        <source>New assignment from %1: %2</source>
        <extracomment>A capability&apos;s words for its own live events: ``(kind, payload) -&gt; Notification``.</extracomment>
        <translation>New assignment from %1: %2</translation>
    </message>
    <message>
        <source>%1 returned an assignment: %2</source>
        <translation>%1 returned an assignment: %2</translation>
    </message>
    <message>
        <source>%1 returned a document: %2</source>
        <translation>%1 returned a document: %2</translation>
    </message>
    <message>
        <source>%1 submitted a draft for your approval: %2</source>
        <translation>%1 submitted a draft for your approval: %2</translation>
    </message>
    <message>
        <source>%1 named you to sign a draft before the leader: %2</source>
        <translation>%1 named you to sign a draft before the leader: %2</translation>
    </message>
    <message>
        <source>%1 signed a draft before you; it awaits your signature: %2</source>
        <translation>%1 signed a draft before you; it awaits your signature: %2</translation>
    </message>
    <message>
        <source>%1 returned your draft: %2</source>
        <translation>%1 returned your draft: %2</translation>
    </message>
    <message>
        <source>%1 approved your draft: %2</source>
        <translation>%1 approved your draft: %2</translation>
    </message>
    <message>
        <source>%1 issued your document: %2</source>
        <translation>%1 issued your document: %2</translation>
    </message>
    <message>
        <source>A document arrived from another organisation: %2</source>
        <translation>A document arrived from another organisation: %2</translation>
    </message>
    <message>
        <source>%1 approved a document, to number and issue: %2</source>
        <translation>%1 approved a document, to number and issue: %2</translation>
    </message>
    <message>
        <source>%1 asks for a deadline extension: %2</source>
        <translation>%1 asks for a deadline extension: %2</translation>
    </message>
    <message>
        <source>%1 approved your deadline extension: %2</source>
        <translation>%1 approved your deadline extension: %2</translation>
    </message>
    <message>
        <source>%1 refused your deadline extension: %2</source>
        <translation>%1 refused your deadline extension: %2</translation>
    </message>
    <message>
        <source>%1 signed and approved a document, to number and seal: %2</source>
        <translation>%1 signed and approved a document, to number and seal: %2</translation>
    </message>
    <message>
        <source>%1 signed and approved your draft: %2</source>
        <translation>%1 signed and approved your draft: %2</translation>
    </message>
    <message>
        <source>Update: %2</source>
        <translation>Update: %2</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Someone</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>reason: %1</translation>
    </message>
    <message>
        <source>The server refused an action: %1</source>
        <translation>The server refused an action: %1</translation>
    </message>
    <message>
        <source>Arrival number %1 was given.</source>
        <translation>Arrival number %1 was given.</translation>
    </message>
    <message>
        <source>The server checked and accepted the signed file.</source>
        <translation>The server checked and accepted the signed file.</translation>
    </message>
    <message>
        <source>Number %1 was given; the document is issued once sealed.</source>
        <translation>Number %1 was given; the document is issued once sealed.</translation>
    </message>
    <message>
        <source>The document was issued as %1.</source>
        <translation>The document was issued as %1.</translation>
    </message>
    <message>
        <source>%1 sent a draft for your review: %2</source>
        <translation>%1 sent a draft for your review: %2</translation>
    </message>
    <message>
        <source>comment: %1</source>
        <translation>comment: %1</translation>
    </message>
    <message>
        <source>%1 delegated their waiting documents to you: %2</source>
        <translation>%1 delegated their waiting documents to you: %2</translation>
    </message>
</context>
<context>
    <name>NotificationsDialog</name>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>No notifications yet.</source>
        <translation>No notifications yet.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Opinions</name>
    <message>
        <source>Agree</source>
        <extracomment>The tables this tab shows (the section refreshes on their changes). How often the reminders are looked at again (a deadline comes without any change).</extracomment>
        <translation>Agree</translation>
    </message>
    <message>
        <source>Disagree</source>
        <translation>Disagree</translation>
    </message>
    <message>
        <source>Other opinion</source>
        <translation>Other opinion</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Not answered</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Past the deadline</source>
        <translation>Past the deadline</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Written opinion poll due %1, not yet answered: %2</source>
        <extracomment>A look at the reminders is done (tests wait on it).</extracomment>
        <translation>Written opinion poll due %1, not yet answered: %2</translation>
    </message>
    <message>
        <source>Written opinion poll overdue since %1, not answered: %2</source>
        <translation>Written opinion poll overdue since %1, not answered: %2</translation>
    </message>
    <message>
        <source>Written opinion poll past its deadline (%1), %3 not answered: close it and publish the result: %2</source>
        <translation>Written opinion poll past its deadline (%1), %3 not answered: close it and publish the result: %2</translation>
    </message>
    <message>
        <source>Written opinion poll closed: %1 — %2</source>
        <translation>Written opinion poll closed: %1 — %2</translation>
    </message>
    <message>
        <source>Your written opinion is asked, by %1: %2</source>
        <translation>Your written opinion is asked, by %1: %2</translation>
    </message>
</context>
<context>
    <name>OpinionsPanel</name>
    <message>
        <source>Send written opinion poll…</source>
        <extracomment>A refresh is on screen (tests wait on it). The result&apos;s PDF was written (its path). The e-card dialog is open (tests drive it).</extracomment>
        <translation>Send written opinion poll…</translation>
    </message>
    <message>
        <source>Ask the members in writing, with documents and a deadline</source>
        <translation>Ask the members in writing, with documents and a deadline</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>Answer…</translation>
    </message>
    <message>
        <source>Agree, disagree or give another opinion (Enter)</source>
        <translation>Agree, disagree or give another opinion (Enter)</translation>
    </message>
    <message>
        <source>Close and publish result</source>
        <translation>Close and publish result</translation>
    </message>
    <message>
        <source>No more answers; the members receive the result</source>
        <translation>No more answers; the members receive the result</translation>
    </message>
    <message>
        <source>Export result (PDF)…</source>
        <translation>Export result (PDF)…</translation>
    </message>
    <message>
        <source>No written opinion poll for this meeting yet.</source>
        <translation>No written opinion poll for this meeting yet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Question:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Question:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deadline:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Deadline:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Decided by:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Decided by:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Documents:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Documents:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your answer:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Your answer:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>The result is published when the poll closes.</source>
        <translation>The result is published when the poll closes.</translation>
    </message>
    <message>
        <source>%1 of %2 members answered. Result: %3 (at least %4 in agreement needed)</source>
        <translation>%1 of %2 members answered. Result: %3 (at least %4 in agreement needed)</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>Written opinion poll sent</source>
        <translation>Written opinion poll sent</translation>
    </message>
    <message>
        <source>Answer sent</source>
        <translation>Answer sent</translation>
    </message>
    <message>
        <source>The poll closes when the server receives it</source>
        <translation>The poll closes when the server receives it</translation>
    </message>
    <message>
        <source>Poll closed; the result is published</source>
        <translation>Poll closed; the result is published</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Export result</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Result exported: %1</source>
        <translation>Result exported: %1</translation>
    </message>
</context>
<context>
    <name>Papers</name>
    <message>
        <source>Invitation draft made; see Outgoing documents / My drafts</source>
        <translation>Invitation draft made; see Outgoing documents / My drafts</translation>
    </message>
    <message>
        <source>Save the attendance cards</source>
        <translation>Save the attendance cards</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>%1 attendance cards saved to %2</source>
        <translation>%1 attendance cards saved to %2</translation>
    </message>
</context>
<context>
    <name>Participants</name>
    <message>
        <source>%1 will attend, %2 absent, %3 send a substitute, %4 not answered</source>
        <extracomment>Who votes by default (guests and staff never do).</extracomment>
        <translation>%1 will attend, %2 absent, %3 send a substitute, %4 not answered</translation>
    </message>
</context>
<context>
    <name>ParticipantsEditor</name>
    <message>
        <source>Add participants…</source>
        <translation>Add participants…</translation>
    </message>
    <message>
        <source>Add people from the province to the meeting (Insert)</source>
        <translation>Add people from the province to the meeting (Insert)</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Change role…</translation>
    </message>
    <message>
        <source>Change the selected participant&apos;s role or vote (F2)</source>
        <translation>Change the selected participant&apos;s role or vote (F2)</translation>
    </message>
    <message>
        <source>Remove participant</source>
        <translation>Remove participant</translation>
    </message>
    <message>
        <source>Remove the selected participant (Delete)</source>
        <translation>Remove the selected participant (Delete)</translation>
    </message>
    <message>
        <source>Record answer…</source>
        <translation>Record answer…</translation>
    </message>
    <message>
        <source>Note the selected participant&apos;s answer, given by phone (Ctrl+R)</source>
        <translation>Note the selected participant&apos;s answer, given by phone (Ctrl+R)</translation>
    </message>
    <message>
        <source>Mark as invited</source>
        <translation>Mark as invited</translation>
    </message>
    <message>
        <source>The invitations went out another way: the meeting is scheduled</source>
        <translation>The invitations went out another way: the meeting is scheduled</translation>
    </message>
    <message>
        <source>Start meeting</source>
        <translation>Start meeting</translation>
    </message>
    <message>
        <source>End meeting</source>
        <translation>End meeting</translation>
    </message>
    <message>
        <source>Postpone meeting…</source>
        <translation>Postpone meeting…</translation>
    </message>
    <message>
        <source>Cancel meeting…</source>
        <translation>Cancel meeting…</translation>
    </message>
    <message>
        <source>%1 participants added</source>
        <translation>%1 participants added</translation>
    </message>
    <message>
        <source>Role changed: %1</source>
        <translation>Role changed: %1</translation>
    </message>
    <message>
        <source>Remove %1 from the meeting?</source>
        <translation>Remove %1 from the meeting?</translation>
    </message>
    <message>
        <source>They no longer see the meeting or its documents.</source>
        <translation>They no longer see the meeting or its documents.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Participant removed: %1</source>
        <translation>Participant removed: %1</translation>
    </message>
    <message>
        <source>Answer sent</source>
        <translation>Answer sent</translation>
    </message>
    <message>
        <source>Postpone meeting</source>
        <translation>Postpone meeting</translation>
    </message>
    <message>
        <source>Why is the meeting postponed? Every participant is told.</source>
        <translation>Why is the meeting postponed? Every participant is told.</translation>
    </message>
    <message>
        <source>Cancel meeting</source>
        <translation>Cancel meeting</translation>
    </message>
    <message>
        <source>Why is the meeting cancelled? Every participant is told.</source>
        <translation>Why is the meeting cancelled? Every participant is told.</translation>
    </message>
    <message>
        <source>Postpone</source>
        <translation>Postpone</translation>
    </message>
    <message>
        <source>Cancel the meeting</source>
        <translation>Cancel the meeting</translation>
    </message>
    <message>
        <source>Needs the server</source>
        <translation>Needs the server</translation>
    </message>
    <message>
        <source>Meeting state changed</source>
        <translation>Meeting state changed</translation>
    </message>
</context>
<context>
    <name>ParticipantsModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Reason / substitute</source>
        <translation>Reason / substitute</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
</context>
<context>
    <name>PassReviewDialog</name>
    <message>
        <source>Pass on for signature</source>
        <translation>Pass on for signature</translation>
    </message>
    <message>
        <source>Your opinion for the leader (optional)</source>
        <translation>Your opinion for the leader (optional)</translation>
    </message>
    <message>
        <source>Leader who signs</source>
        <translation>Leader who signs</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Pass on</source>
        <translation>Pass on</translation>
    </message>
    <message>
        <source>Choose the leader who signs.</source>
        <translation>Choose the leader who signs.</translation>
    </message>
</context>
<context>
    <name>PdfPrinting</name>
    <message>
        <source>Print</source>
        <extracomment>Kept between prints: the printer and options chosen last time are proposed again.</extracomment>
        <translation>Print</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>The printer cannot be used now; check that it is on and connected, then try again.</source>
        <translation>The printer cannot be used now; check that it is on and connected, then try again.</translation>
    </message>
    <message>
        <source>Printing stopped.</source>
        <translation>Printing stopped.</translation>
    </message>
    <message>
        <source>%1 page(s) printed to the file %2.</source>
        <translation>%1 page(s) printed to the file %2.</translation>
    </message>
    <message>
        <source>%1 page(s) sent to the printer.</source>
        <translation>%1 page(s) sent to the printer.</translation>
    </message>
</context>
<context>
    <name>PdfReader</name>
    <message>
        <source>%1 — eOffice</source>
        <extracomment>A search with no match yet says &quot;not found&quot; after this long (the model searches page by page).</extracomment>
        <translation>%1 — eOffice</translation>
    </message>
    <message>
        <source>Open folder</source>
        <extracomment>Where the file is, for a file eOffice wrote (a printed register), with &quot;Mở thư mục&quot;.</extracomment>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>The file cannot be opened: it is missing or not a PDF.</source>
        <translation>The file cannot be opened: it is missing or not a PDF.</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Reader</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>Save a copy…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Next match</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Find in the text (Ctrl+F)</source>
        <translation>Find in the text (Ctrl+F)</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>searching…</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>not found</translation>
    </message>
    <message>
        <source>Save a copy of the document</source>
        <translation>Save a copy of the document</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>The copy could not be saved there (the folder may be read-only or full).</source>
        <translation>The copy could not be saved there (the folder may be read-only or full).</translation>
    </message>
    <message>
        <source>Copy saved: %1</source>
        <translation>Copy saved: %1</translation>
    </message>
</context>
<context>
    <name>PendingDialog</name>
    <message>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>These actions are done on this computer and will be sent to the server as soon as it can be reached. Nothing needs to be done again.</source>
        <translation>These actions are done on this computer and will be sent to the server as soon as it can be reached. Nothing needs to be done again.</translation>
    </message>
    <message>
        <source>Everything has been sent.</source>
        <translation>Everything has been sent.</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>Open document</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Send now</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <source>Made at</source>
        <translation>Made at</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Week total</source>
        <translation>Week total</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>Not approved</translation>
    </message>
    <message>
        <source>%1 to settle</source>
        <translation>%1 to settle</translation>
    </message>
</context>
<context>
    <name>PeoplePicker</name>
    <message>
        <source>Add participants</source>
        <translation>Add participants</translation>
    </message>
    <message>
        <source>Search by name, unit or organisation</source>
        <translation>Search by name, unit or organisation</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 chosen</source>
        <translation>%1 chosen</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>E-card PIN</source>
        <translation>E-card PIN</translation>
    </message>
    <message>
        <source>E-card: %1</source>
        <translation>E-card: %1</translation>
    </message>
    <message>
        <source>Certificate PIN</source>
        <translation>Certificate PIN</translation>
    </message>
    <message>
        <source>Certificate of %1</source>
        <translation>Certificate of %1</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>I know that one wrong PIN more locks the e-card</source>
        <translation>I know that one wrong PIN more locks the e-card</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The PIN of this e-card is locked. Ask the certificate provider to unlock it.</source>
        <translation>The PIN of this e-card is locked. Ask the certificate provider to unlock it.</translation>
    </message>
    <message>
        <source>Only ONE try is left: a wrong PIN now locks the e-card.</source>
        <translation>Only ONE try is left: a wrong PIN now locks the e-card.</translation>
    </message>
    <message>
        <source>A wrong PIN was typed before: fewer tries are left.</source>
        <translation>A wrong PIN was typed before: fewer tries are left.</translation>
    </message>
    <message>
        <source>Type the PIN on the reader&apos;s keypad.</source>
        <translation>Type the PIN on the reader&apos;s keypad.</translation>
    </message>
</context>
<context>
    <name>Pkcs11ModulesWidget</name>
    <message>
        <source>Add module…</source>
        <translation>Add module…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Find e-cards</source>
        <translation>Find e-cards</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Timestamp server (RFC 3161)</source>
        <translation>Timestamp server (RFC 3161)</translation>
    </message>
    <message>
        <source>PKCS#11 modules of the e-card and USB token drivers on this computer</source>
        <translation>PKCS#11 modules of the e-card and USB token drivers on this computer</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>PKCS#11 module</translation>
    </message>
    <message>
        <source>Libraries (*.so *.so.* *.dll *.dylib)</source>
        <translation>Libraries (*.so *.so.* *.dll *.dylib)</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (not installed)</translation>
    </message>
    <message>
        <source>Looking for e-cards…</source>
        <translation>Looking for e-cards…</translation>
    </message>
    <message>
        <source>No e-card found in these modules.</source>
        <translation>No e-card found in these modules.</translation>
    </message>
    <message>
        <source>E-cards found: %1</source>
        <translation>E-cards found: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>PollsModel</name>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>My answer</source>
        <translation>My answer</translation>
    </message>
</context>
<context>
    <name>PrintRegisterDialog</name>
    <message>
        <source>Print register</source>
        <extracomment>The boxes whose documents are outgoing: printing from them proposes the outgoing register.</extracomment>
        <translation>Print register</translation>
    </message>
    <message>
        <source>Follow-up register (incoming)</source>
        <extracomment>The register holds what this user may see, and names them (``printing.registers``).</extracomment>
        <translation>Follow-up register (incoming)</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>View and save</source>
        <translation>View and save</translation>
    </message>
    <message>
        <source>Write the register as a PDF file and show it</source>
        <translation>Write the register as a PDF file and show it</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Choose a printer and print the register</source>
        <translation>Choose a printer and print the register</translation>
    </message>
    <message>
        <source>The register was saved as %1</source>
        <translation>The register was saved as %1</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>The end date is before the start date.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Signature and seal images</source>
        <extracomment>An image was saved (tests wait on it).</extracomment>
        <translation>Signature and seal images</translation>
    </message>
    <message>
        <source>My signature image (blue, transparent background)</source>
        <translation>My signature image (blue, transparent background)</translation>
    </message>
    <message>
        <source>Seal image of %1 (red, transparent, real size at its dpi)</source>
        <translation>Seal image of %1 (red, transparent, real size at its dpi)</translation>
    </message>
    <message>
        <source>The images appear on the documents you sign. They are kept with your account and follow you to every computer you sign in on.</source>
        <translation>The images appear on the documents you sign. They are kept with your account and follow you to every computer you sign in on.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Choose image</source>
        <extracomment>Asks for a PNG; replaced in tests, where no file dialog can be clicked.</extracomment>
        <translation>Choose image</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>QuorumBanner</name>
    <message>
        <source>Quorum holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No quorum</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReaderNotes</name>
    <message>
        <source>Notes</source>
        <extracomment>The notes on screen changed (after loading or an operation came back). Notes drawn here whose ``AddNote`` is not applied yet, and notes whose ``DeleteNote`` is on its way: a reload read meanwhile must not undo what is on screen.</extracomment>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Select</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>Highlight</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>Pen</translation>
    </message>
    <message>
        <source>Text note</source>
        <translation>Text note</translation>
    </message>
    <message>
        <source>Colour of new notes</source>
        <translation>Colour of new notes</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Green</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blue</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>Pink</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Undo last note</source>
        <translation>Undo last note</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Delete note</translation>
    </message>
    <message>
        <source>Export with my notes…</source>
        <translation>Export with my notes…</translation>
    </message>
    <message>
        <source>My notes</source>
        <translation>My notes</translation>
    </message>
    <message>
        <source>Only you can see these notes.</source>
        <translation>Only you can see these notes.</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>On this version (%1)</source>
        <translation>On this version (%1)</translation>
    </message>
    <message>
        <source>Notes on older versions</source>
        <translation>Notes on older versions</translation>
    </message>
    <message>
        <source>Notes on other versions</source>
        <translation>Notes on other versions</translation>
    </message>
    <message>
        <source>v%1, p. %2</source>
        <translation>v%1, p. %2</translation>
    </message>
    <message>
        <source>Export with my notes</source>
        <translation>Export with my notes</translation>
    </message>
    <message>
        <source> (my notes)</source>
        <translation> (my notes)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Exported with your notes: %1</source>
        <translation>Exported with your notes: %1</translation>
    </message>
    <message>
        <source>The file could not be written there (the folder may be read-only or full).</source>
        <translation>The file could not be written there (the folder may be read-only or full).</translation>
    </message>
    <message>
        <source>The document was updated (version %1, %2 pages; before: %3 pages).</source>
        <translation>The document was updated (version %1, %2 pages; before: %3 pages).</translation>
    </message>
    <message>
        <source>Open version %1</source>
        <translation>Open version %1</translation>
    </message>
    <message>
        <source>This version is not downloaded to this computer yet; it downloads with the meeting&apos;s files when online.</source>
        <translation>This version is not downloaded to this computer yet; it downloads with the meeting&apos;s files when online.</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1 (version %2)</translation>
    </message>
</context>
<context>
    <name>ReadersModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Not read</translation>
    </message>
</context>
<context>
    <name>ReadingModel</name>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Not read</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RegisterIncomingDialog</name>
    <message>
        <source>Register incoming document</source>
        <translation>Register incoming document</translation>
    </message>
    <message>
        <source>No file yet.</source>
        <extracomment>The received PDF&apos;s signatures, verified off the GUI thread against the trusted roots.</extracomment>
        <translation>No file yet.</translation>
    </message>
    <message>
        <source>has a deadline</source>
        <translation>has a deadline</translation>
    </message>
    <message>
        <source>PDF files</source>
        <translation>PDF files</translation>
    </message>
    <message>
        <source>Digital signatures</source>
        <translation>Digital signatures</translation>
    </message>
    <message>
        <source>Reason to return</source>
        <translation>Reason to return</translation>
    </message>
    <message>
        <source>Issuing organ</source>
        <translation>Issuing organ</translation>
    </message>
    <message>
        <source>Organ identifier</source>
        <translation>Organ identifier</translation>
    </message>
    <message>
        <source>Number / notation</source>
        <translation>Number / notation</translation>
    </message>
    <message>
        <source>Issued date</source>
        <translation>Issued date</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Signer&apos;s position</source>
        <translation>Signer&apos;s position</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>Secrecy</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Receiving unit / person</source>
        <translation>Receiving unit / person</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Arrival date</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>Register and return</source>
        <translation>Register and return</translation>
    </message>
    <message>
        <source>The document is entered in the register (it arrived) and returned to the sender with the reason.</source>
        <translation>The document is entered in the register (it arrived) and returned to the sender with the reason.</translation>
    </message>
    <message>
        <source>Checking the digital signatures…</source>
        <translation>Checking the digital signatures…</translation>
    </message>
    <message>
        <source>The signatures cannot be read: the file may not be a PDF.</source>
        <translation>The signatures cannot be read: the file may not be a PDF.</translation>
    </message>
    <message>
        <source>The file carries no digital signature (a paper scan, or not signed).</source>
        <translation>The file carries no digital signature (a paper scan, or not signed).</translation>
    </message>
    <message>
        <source>Valid: %1 signature(s), signed by %2.</source>
        <translation>Valid: %1 signature(s), signed by %2.</translation>
    </message>
    <message>
        <source>UNTRUSTED</source>
        <translation>UNTRUSTED</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>NOT valid</translation>
    </message>
    <message>
        <source>%1: signed by %2. %3</source>
        <translation>%1: signed by %2. %3</translation>
    </message>
    <message>
        <source>Write the reason to return the document.</source>
        <translation>Write the reason to return the document.</translation>
    </message>
    <message>
        <source>Add the document&apos;s PDF file (choose it or drop it here).</source>
        <translation>Add the document&apos;s PDF file (choose it or drop it here).</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>Register it anyway?</source>
        <translation>Register it anyway?</translation>
    </message>
    <message>
        <source>Register anyway</source>
        <translation>Register anyway</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RegisterPicker</name>
    <message>
        <source>Add a document from the registers</source>
        <translation>Add a document from the registers</translation>
    </message>
    <message>
        <source>Number, subject or words of the text — Enter to search</source>
        <translation>Number, subject or words of the text — Enter to search</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <source>Refused by the server</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>These actions were not accepted by the server and were undone on this computer.</source>
        <translation>These actions were not accepted by the server and were undone on this computer.</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>Open document</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Why the server refused it</source>
        <translation>Why the server refused it</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Diary report</source>
        <translation>Diary report</translation>
    </message>
    <message>
        <source>Weekly report</source>
        <translation>Weekly report</translation>
    </message>
    <message>
        <source>Monthly report</source>
        <translation>Monthly report</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <source>Word (DOCX)</source>
        <translation>Word (DOCX)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Week or month of</source>
        <translation>Week or month of</translation>
    </message>
    <message>
        <source>Whose work</source>
        <translation>Whose work</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>Write report</source>
        <translation>Write report</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Save the report as</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Choose where to save the report.</translation>
    </message>
</context>
<context>
    <name>RequestExtensionDialog</name>
    <message>
        <source>Ask for a deadline extension</source>
        <translation>Ask for a deadline extension</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <source>Current deadline</source>
        <translation>Current deadline</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>New deadline</translation>
    </message>
    <message>
        <source>Why more time is needed</source>
        <translation>Why more time is needed</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Ask</translation>
    </message>
    <message>
        <source>The new deadline cannot be in the past.</source>
        <translation>The new deadline cannot be in the past.</translation>
    </message>
    <message>
        <source>The new deadline must be after the current one (%1).</source>
        <translation>The new deadline must be after the current one (%1).</translation>
    </message>
    <message>
        <source>Write the reason for the extension.</source>
        <translation>Write the reason for the extension.</translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>% of members asked</source>
        <translation>% of members asked</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of %1</source>
        <translation>Role of %1</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Votes</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Role:</translation>
    </message>
</context>
<context>
    <name>RoomDialog</name>
    <message>
        <source>Add meeting room</source>
        <translation>Add meeting room</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Address:</translation>
    </message>
    <message>
        <source>&amp;Seats:</source>
        <translation>&amp;Seats:</translation>
    </message>
    <message>
        <source>The room needs a name</source>
        <translation>The room needs a name</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search documents — diacritics optional, e.g. chuyen doi so</source>
        <translation>Search documents — diacritics optional, e.g. chuyen doi so</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Newest first</translation>
    </message>
    <message>
        <source>Most relevant</source>
        <translation>Most relevant</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Saved searches</translation>
    </message>
    <message>
        <source>Filters •</source>
        <translation>Filters •</translation>
    </message>
    <message>
        <source>Save this search…</source>
        <translation>Save this search…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Save search</translation>
    </message>
    <message>
        <source>Name of the search:</source>
        <translation>Name of the search:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>Send a written opinion poll</source>
        <translation>Send a written opinion poll</translation>
    </message>
    <message>
        <source>Add &amp;PDF files…</source>
        <translation>Add &amp;PDF files…</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <extracomment>PDF files from disk, stored when the poll is sent.</extracomment>
        <translation>&amp;Question:</translation>
    </message>
    <message>
        <source>&amp;Explanation:</source>
        <translation>&amp;Explanation:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Deadline:</translation>
    </message>
    <message>
        <source>Decided &amp;by:</source>
        <translation>Decided &amp;by:</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>Documents:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Add PDF documents</source>
        <translation>Add PDF documents</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Enter the question.</source>
        <translation>Enter the question.</translation>
    </message>
</context>
<context>
    <name>SessionLabels</name>
    <message>
        <source>Not arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished">Online</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation type="unfinished">Absent</translation>
    </message>
    <message>
        <source>Substitute present</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not opened yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In session</source>
        <translation type="unfinished">In session</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished">Closed</translation>
    </message>
    <message>
        <source>Point of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speech</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the chair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished">Done</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voting ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For / against / abstain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Election (choose among candidates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vote of confidence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Present %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Present %1/%2 — %3 needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voted %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>may resign, or a vote of confidence follows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dismissal to be proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elected: %1</source>
        <extracomment>The countdown&apos;s colours on the big screen&apos;s dark background.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percentages of the %1 members in office</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Digital signature</source>
        <translation>Digital signature</translation>
    </message>
    <message>
        <source>Sign</source>
        <extracomment>Raises a DomainError for a certificate that is not the signer&apos;s (or not the organisation&apos;s, for a seal): asked before the PIN, and again on the opened key. Asks for the PIN; the default opens the PIN dialog. Page 1 above the signature&apos;s page when the issuing places are shown and it is another page. The number and date places the leader puts by hand (the finder was unsure), in PDF points.</extracomment>
        <translation>Sign</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Where the number goes: drag it after “Số:”.</source>
        <translation>Where the number goes: drag it after “Số:”.</translation>
    </message>
    <message>
        <source>Where the issuing date goes: drag it over “ngày … tháng … năm …”.</source>
        <translation>Where the issuing date goes: drag it over “ngày … tháng … năm …”.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Issuing date</source>
        <translation>Issuing date</translation>
    </message>
    <message>
        <source>Page %1, at the signature block.</source>
        <translation>Page %1, at the signature block.</translation>
    </message>
    <message>
        <source>Page %1: no signature block found, placed at the default spot. Drag the box where it belongs.</source>
        <translation>Page %1: no signature block found, placed at the default spot. Drag the box where it belongs.</translation>
    </message>
    <message>
        <source>The places of the number and the issuing date were not found for sure: drag the orange boxes on page 1 after “Số:” and over the date line; the clerk&apos;s desk writes them there when issuing.</source>
        <translation>The places of the number and the issuing date were not found for sure: drag the orange boxes on page 1 after “Số:” and over the date line; the clerk&apos;s desk writes them there when issuing.</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Signing…</translation>
    </message>
    <message>
        <source>Signing failed because of a program error; it was logged.</source>
        <translation>Signing failed because of a program error; it was logged.</translation>
    </message>
</context>
<context>
    <name>SignFlow</name>
    <message>
        <source>Sign the draft before the leader</source>
        <extracomment>Whose certificate the signature must be made with (``signing.ownership``). The sign dialog is open (tests drive it).</extracomment>
        <translation>Sign the draft before the leader</translation>
    </message>
    <message>
        <source>Sign and approve the draft</source>
        <translation>Sign and approve the draft</translation>
    </message>
    <message>
        <source>Agency signature (seal)</source>
        <translation>Agency signature (seal)</translation>
    </message>
    <message>
        <source>Agency signature on an attachment</source>
        <translation>Agency signature on an attachment</translation>
    </message>
</context>
<context>
    <name>SignatureListModel</name>
    <message>
        <source>Signer</source>
        <translation>Signer</translation>
    </message>
    <message>
        <source>Signing time</source>
        <translation>Signing time</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>NOT valid</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <source>No file checked.</source>
        <translation>No file checked.</translation>
    </message>
    <message>
        <source>Checking the signatures…</source>
        <translation>Checking the signatures…</translation>
    </message>
    <message>
        <source>The file carries no digital signature.</source>
        <translation>The file carries no digital signature.</translation>
    </message>
    <message>
        <source>All signatures are valid (%1).</source>
        <translation>All signatures are valid (%1).</translation>
    </message>
    <message>
        <source>%1 of %2 signature(s) are NOT valid.</source>
        <translation>%1 of %2 signature(s) are NOT valid.</translation>
    </message>
    <message>
        <source>The check failed.</source>
        <translation>The check failed.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>the whole file</source>
        <translation>the whole file</translation>
    </message>
    <message>
        <source>the document as signed; later updates follow</source>
        <translation>the document as signed; later updates follow</translation>
    </message>
    <message>
        <source>part of the file</source>
        <translation>part of the file</translation>
    </message>
    <message>
        <source>unclear</source>
        <translation>unclear</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nothing</translation>
    </message>
    <message>
        <source>form filling or further signatures only</source>
        <translation>form filling or further signatures only</translation>
    </message>
    <message>
        <source>annotations added or changed</source>
        <translation>annotations added or changed</translation>
    </message>
    <message>
        <source>the content was changed</source>
        <translation>the content was changed</translation>
    </message>
    <message>
        <source>cannot be determined</source>
        <translation>cannot be determined</translation>
    </message>
    <message>
        <source>trusted timestamp</source>
        <translation>trusted timestamp</translation>
    </message>
    <message>
        <source>signer&apos;s clock</source>
        <translation>signer&apos;s clock</translation>
    </message>
    <message>
        <source>Signer: %1</source>
        <translation>Signer: %1</translation>
    </message>
    <message>
        <source>Issued by: %1</source>
        <translation>Issued by: %1</translation>
    </message>
    <message>
        <source>Signing time: %1</source>
        <translation>Signing time: %1</translation>
    </message>
    <message>
        <source>Intact: %1</source>
        <translation>Intact: %1</translation>
    </message>
    <message>
        <source>Chain to a trusted root: %1</source>
        <translation>Chain to a trusted root: %1</translation>
    </message>
    <message>
        <source>Certificate valid at signing time: %1</source>
        <translation>Certificate valid at signing time: %1</translation>
    </message>
    <message>
        <source>Covers: %1</source>
        <translation>Covers: %1</translation>
    </message>
    <message>
        <source>Changed after signing: %1</source>
        <translation>Changed after signing: %1</translation>
    </message>
</context>
<context>
    <name>SigningSection</name>
    <message>
        <source>Si&amp;gning</source>
        <extracomment>Soft certificates to offer when signing (the demo&apos;s cards); this machine&apos;s signing settings (PKCS#11 modules, timestamp server); None: the data dir&apos;s.</extracomment>
        <translation>Si&amp;gning</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>&amp;Administration</translation>
    </message>
    <message>
        <source>Digital signature…</source>
        <translation>Digital signature…</translation>
    </message>
    <message>
        <source>Sign the file on screen with your e-card (leader, co-signer), or seal it for the agency (clerk)</source>
        <translation>Sign the file on screen with your e-card (leader, co-signer), or seal it for the agency (clerk)</translation>
    </message>
    <message>
        <source>Signature and seal images…</source>
        <translation>Signature and seal images…</translation>
    </message>
    <message>
        <source>Trusted root certificates…</source>
        <translation>Trusted root certificates…</translation>
    </message>
    <message>
        <source>E-card drivers (PKCS#11)…</source>
        <translation>E-card drivers (PKCS#11)…</translation>
    </message>
    <message>
        <source>Issued.</source>
        <translation>Issued.</translation>
    </message>
    <message>
        <source>Signed.</source>
        <translation>Signed.</translation>
    </message>
    <message>
        <source>Signed; the server checks the signatures when it receives the file.</source>
        <translation>Signed; the server checks the signatures when it receives the file.</translation>
    </message>
</context>
<context>
    <name>SittingDialog</name>
    <message>
        <source>Edit sitting</source>
        <translation>Edit sitting</translation>
    </message>
    <message>
        <source>Add sitting</source>
        <translation>Add sitting</translation>
    </message>
    <message>
        <source>(another place)</source>
        <translation>(another place)</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>&amp;Starts:</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>&amp;Ends:</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>&amp;Room:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>&amp;Place:</translation>
    </message>
</context>
<context>
    <name>SpeechesModel</name>
    <message>
        <source>No.</source>
        <translation type="unfinished">No.</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished">Kind</translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">State</translation>
    </message>
</context>
<context>
    <name>StartupProgress</name>
    <message>
        <source>eOffice — starting</source>
        <translation>eOffice — starting</translation>
    </message>
    <message>
        <source>Starting eOffice…</source>
        <translation>Starting eOffice…</translation>
    </message>
    <message>
        <source>Opening the demo database…</source>
        <translation>Opening the demo database…</translation>
    </message>
    <message>
        <source>Creating the province: organisations, units and people…</source>
        <translation>Creating the province: organisations, units and people…</translation>
    </message>
    <message>
        <source>Creating demo documents: %1 of %2</source>
        <translation>Creating demo documents: %1 of %2</translation>
    </message>
    <message>
        <source>Writing the demo work diaries…</source>
        <translation>Writing the demo work diaries…</translation>
    </message>
    <message>
        <source>Issuing the demo e-cards…</source>
        <translation>Issuing the demo e-cards…</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Starting the demo server…</translation>
    </message>
    <message>
        <source>Connecting to the demo server of the other eOffice window…</source>
        <translation>Connecting to the demo server of the other eOffice window…</translation>
    </message>
    <message>
        <source>The first start creates the demo data (about a minute).</source>
        <translation>The first start creates the demo data (about a minute).</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>Submit for signature</source>
        <translation>Submit for signature</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Choose the leader who signs.</source>
        <translation>Choose the leader who signs.</translation>
    </message>
    <message>
        <source>Leader who signs</source>
        <translation>Leader who signs</translation>
    </message>
    <message>
        <source>The draft goes straight to this leader to approve and sign.</source>
        <translation>The draft goes straight to this leader to approve and sign.</translation>
    </message>
    <message>
        <source>The draft goes first to %1, head of your unit, for review; they pass it on to this leader.</source>
        <translation>The draft goes first to %1, head of your unit, for review; they pass it on to this leader.</translation>
    </message>
    <message>
        <source>Send to the head of unit</source>
        <translation>Send to the head of unit</translation>
    </message>
</context>
<context>
    <name>SyncStatusArea</name>
    <message>
        <source>Show what waits to be sent</source>
        <extracomment>A fresh status is on screen (SyncStatus): an open list of what waits follows it.</extracomment>
        <translation>Show what waits to be sent</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Sign in…</translation>
    </message>
    <message>
        <source>Notifications (%1)</source>
        <translation>Notifications (%1)</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Signed out: sign in to sync</source>
        <translation>Signed out: sign in to sync</translation>
    </message>
    <message>
        <source>First sync: %1 rows</source>
        <translation>First sync: %1 rows</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline — working on this computer</source>
        <translation>Offline — working on this computer</translation>
    </message>
    <message>
        <source>Last synced at %1</source>
        <translation>Last synced at %1</translation>
    </message>
    <message>
        <source>Downloading files: %1/%2</source>
        <translation>Downloading files: %1/%2</translation>
    </message>
    <message>
        <source>%1 waiting to be sent</source>
        <translation>%1 waiting to be sent</translation>
    </message>
    <message>
        <source>%1 refused by the server</source>
        <translation>%1 refused by the server</translation>
    </message>
</context>
<context>
    <name>TaskActions</name>
    <message>
        <source>Start handling</source>
        <translation type="unfinished">Start handling</translation>
    </message>
    <message>
        <source>Forward for handling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass the task to a unit below or a person of the unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand the task back, with the reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation type="unfinished">Complete…</translation>
    </message>
    <message>
        <source>Report the task done, with its result and the reply document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task forwarded for handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return the task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is the task returned?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task completed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TasksModel</name>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation type="unfinished">Meeting</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation type="unfinished">Lead</translation>
    </message>
    <message>
        <source>Coordinating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished">Deadline</translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">State</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <source>Tasks assigned in meetings</source>
        <extracomment>A refresh is on screen (tests wait on it). Open the meeting of the selected task (its id). Select this task once the list holds it (opened from a documents&apos; box).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the meeting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <source>This text is required.</source>
        <translation>This text is required.</translation>
    </message>
    <message>
        <source>Write the reason.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TextNoteDialog</name>
    <message>
        <source>Text note</source>
        <extracomment>The colours offered: (value stored, name shown — translated where shown).</extracomment>
        <translation>Text note</translation>
    </message>
    <message>
        <source>Your note (only you can see it)</source>
        <translation>Your note (only you can see it)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>TotalsModel</name>
    <message>
        <source>Member</source>
        <translation type="unfinished">Member</translation>
    </message>
    <message>
        <source>Speeches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished">Time</translation>
    </message>
</context>
<context>
    <name>TrustedRootModel</name>
    <message>
        <source>Root certificate</source>
        <translation>Root certificate</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256 fingerprint</translation>
    </message>
</context>
<context>
    <name>TrustedRootsWidget</name>
    <message>
        <source>Add root certificate…</source>
        <translation>Add root certificate…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Signatures are trusted when their chain ends at one of these roots.</source>
        <translation>Signatures are trusted when their chain ends at one of these roots.</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <extracomment>Replaced in tests, where no file dialog or question box can be clicked.</extracomment>
        <translation>Root certificate</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certificates (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Remove root certificate</source>
        <translation>Remove root certificate</translation>
    </message>
    <message>
        <source>Stop trusting “%1”?</source>
        <translation>Stop trusting “%1”?</translation>
    </message>
    <message>
        <source>The root certificate is trusted.</source>
        <translation>The root certificate is trusted.</translation>
    </message>
    <message>
        <source>The root certificate is no longer trusted.</source>
        <translation>The root certificate is no longer trusted.</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <source>Versions of “%1”</source>
        <translation>Versions of “%1”</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Added by</translation>
    </message>
</context>
<context>
    <name>VotesModel</name>
    <message>
        <source>Vote</source>
        <translation type="unfinished">Vote</translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished">State</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished">Result</translation>
    </message>
</context>
<context>
    <name>WeeklySchedule</name>
    <message>
        <source>Weekly schedule from %1</source>
        <translation>Weekly schedule from %1</translation>
    </message>
</context>
</TS>
