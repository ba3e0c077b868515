<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AccessDialog</name>
    <message>
        <source>Who may read “%1”</source>
        <translation>Quyền xem “%1”</translation>
    </message>
    <message>
        <source>Every participant</source>
        <translation>Mọi thành phần dự họp</translation>
    </message>
    <message>
        <source>Voting members</source>
        <translation>Thành viên có quyền biểu quyết</translation>
    </message>
    <message>
        <source>The people ticked below</source>
        <translation>Những người được chọn dưới đây</translation>
    </message>
    <message>
        <source>Only from:</source>
        <translation>Chỉ từ lúc:</translation>
    </message>
    <message>
        <source>&amp;Readers:</source>
        <translation>&amp;Người được xem:</translation>
    </message>
    <message>
        <source>The organisers and the presenter always read it. The change takes effect when the server accepts it.</source>
        <translation>Người tổ chức họp và người trình bày luôn được xem. Thay đổi có hiệu lực khi máy chủ chấp nhận.</translation>
    </message>
</context>
<context>
    <name>AdminDialog</name>
    <message>
        <source>Administration: digital signatures</source>
        <translation>Quản trị: chữ ký số</translation>
    </message>
    <message>
        <source>Trusted root certificates</source>
        <translation>Chứng thư số gốc tin cậy</translation>
    </message>
    <message>
        <source>E-card drivers (PKCS#11)</source>
        <translation>Phần mềm của thẻ ký số</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>AgendaEditor</name>
    <message>
        <source>Add item</source>
        <translation>Thêm nội dung</translation>
    </message>
    <message>
        <source>Add an agenda item after the selected one (Insert)</source>
        <translation>Thêm nội dung họp sau nội dung đang chọn (Insert)</translation>
    </message>
    <message>
        <source>Add sub-item</source>
        <translation>Thêm nội dung con</translation>
    </message>
    <message>
        <source>Add a sub-item under the selected item (Ctrl+Insert)</source>
        <translation>Thêm nội dung con của nội dung đang chọn (Ctrl+Insert)</translation>
    </message>
    <message>
        <source>Edit item</source>
        <translation>Sửa nội dung</translation>
    </message>
    <message>
        <source>Edit the selected item (F2)</source>
        <translation>Sửa nội dung đang chọn (F2)</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>Xóa nội dung</translation>
    </message>
    <message>
        <source>Remove the selected item or document (Delete)</source>
        <translation>Xóa nội dung hoặc tài liệu đang chọn (Delete)</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Đưa lên</translation>
    </message>
    <message>
        <source>Move the selected item up (Alt+Up)</source>
        <translation>Chuyển nội dung đang chọn lên trên (Alt+Up)</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Đưa xuống</translation>
    </message>
    <message>
        <source>Move the selected item down (Alt+Down)</source>
        <translation>Chuyển nội dung đang chọn xuống dưới (Alt+Down)</translation>
    </message>
    <message>
        <source>Item added: %1</source>
        <translation>Đã thêm nội dung: %1</translation>
    </message>
    <message>
        <source>Add agenda item</source>
        <translation>Thêm nội dung họp</translation>
    </message>
    <message>
        <source>Item saved: %1</source>
        <translation>Đã lưu nội dung: %1</translation>
    </message>
    <message>
        <source>Edit agenda item</source>
        <translation>Sửa nội dung họp</translation>
    </message>
    <message>
        <source>Remove agenda item</source>
        <translation>Xóa nội dung họp</translation>
    </message>
    <message>
        <source>Remove “%1 %2”?</source>
        <translation>Xóa nội dung “%1 %2”?</translation>
    </message>
    <message>
        <source>Its %1 sub-items and %2 documents are removed too.</source>
        <translation>%1 nội dung con và %2 tài liệu của nội dung này cũng bị xóa.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Item removed: %1</source>
        <translation>Đã xóa nội dung: %1</translation>
    </message>
    <message>
        <source>Item moved</source>
        <translation>Đã chuyển nội dung</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Item / document</source>
        <translation>Nội dung / tài liệu</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>Người trình bày</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>%1 minutes planned</source>
        <extracomment>What an agenda item carries while dragged (its id). An organiser dropped an item: (item id, new parent id or &quot;&quot;, position among its new siblings, sitting id). PDF files dropped on an item: (item id, local paths). Organisers drag items and drop files (set by the meeting page). Every node (an item or a document) → (its parent node or None, its row).</extracomment>
        <translation>Dự kiến %1 phút</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>từ %1</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>%1 trang</translation>
    </message>
    <message>
        <source>First opened %1 (version %2)</source>
        <translation>Xem lần đầu lúc %1 (phiên bản %2)</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>Phiên bản %1, cập nhật lúc %2</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Record the answer of %1</source>
        <translation>Ghi câu trả lời của %1</translation>
    </message>
    <message>
        <source>Answer the invitation</source>
        <translation>Trả lời giấy mời</translation>
    </message>
    <message>
        <source>I will &amp;attend</source>
        <translation>Tôi sẽ &amp;dự họp</translation>
    </message>
    <message>
        <source>Will &amp;attend</source>
        <translation>Sẽ &amp;dự họp</translation>
    </message>
    <message>
        <source>A&amp;bsent</source>
        <translation>&amp;Vắng mặt</translation>
    </message>
    <message>
        <source>Send a &amp;substitute</source>
        <translation>&amp;Cử người dự thay</translation>
    </message>
    <message>
        <source>The reason (required when absent)</source>
        <translation>Lý do (bắt buộc khi vắng mặt)</translation>
    </message>
    <message>
        <source>(type a name below)</source>
        <translation>(nhập tên ở dưới)</translation>
    </message>
    <message>
        <source>The substitute&apos;s name and position, when not in the list</source>
        <translation>Họ tên, chức vụ người dự thay, nếu không có trong danh sách</translation>
    </message>
    <message>
        <source>R&amp;eason:</source>
        <translation>&amp;Lý do:</translation>
    </message>
    <message>
        <source>Su&amp;bstitute:</source>
        <translation>Người dự &amp;thay:</translation>
    </message>
    <message>
        <source>Answer the written opinion poll</source>
        <translation>Trả lời phiếu lấy ý kiến</translation>
    </message>
    <message>
        <source>Agree (&amp;1)</source>
        <translation>Đồng ý (&amp;1)</translation>
    </message>
    <message>
        <source>Disagree (&amp;2)</source>
        <translation>Không đồng ý (&amp;2)</translation>
    </message>
    <message>
        <source>Other opinion (&amp;3)</source>
        <translation>Ý kiến khác (&amp;3)</translation>
    </message>
    <message>
        <source>Your opinion (required for another opinion)</source>
        <translation>Nội dung ý kiến (bắt buộc khi chọn ý kiến khác)</translation>
    </message>
    <message>
        <source>Also sign with my e-card (&amp;K)</source>
        <translation>Ký thêm bằng thẻ ký số (&amp;K)</translation>
    </message>
    <message>
        <source>Optional: your answer is signed in with your account already</source>
        <translation>Không bắt buộc: ý kiến đã được gửi bằng tài khoản đăng nhập của bạn</translation>
    </message>
    <message>
        <source>Send answer</source>
        <translation>Gửi trả lời</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>&amp;Opinion:</source>
        <translation>&amp;Nội dung ý kiến:</translation>
    </message>
    <message>
        <source>Write the other opinion.</source>
        <translation>Hãy ghi rõ ý kiến khác.</translation>
    </message>
</context>
<context>
    <name>AnswersModel</name>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>Nội dung ý kiến</translation>
    </message>
    <message>
        <source>Answered at</source>
        <translation>Thời điểm trả lời</translation>
    </message>
    <message>
        <source>Signed with e-card</source>
        <translation>Ký số bằng thẻ</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign a task</source>
        <translation>Giao nhiệm vụ</translation>
    </message>
    <message>
        <source>(the meeting as a whole)</source>
        <translation>(chung cho cuộc họp)</translation>
    </message>
    <message>
        <source>Unit: </source>
        <translation>Đơn vị: </translation>
    </message>
    <message>
        <source> working days</source>
        <translation> ngày làm việc</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Nhiệm vụ:</translation>
    </message>
    <message>
        <source>Agenda &amp;item:</source>
        <translation>&amp;Thuộc nội dung:</translation>
    </message>
    <message>
        <source>&amp;Lead (unit or person):</source>
        <translation>Đơn vị/người &amp;chủ trì:</translation>
    </message>
    <message>
        <source>&amp;Coordinating:</source>
        <translation>&amp;Phối hợp:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Hạn xử lý:</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Giao nhiệm vụ</translation>
    </message>
    <message>
        <source>deadline %1</source>
        <translation>hạn xử lý %1</translation>
    </message>
    <message>
        <source>Say what the task is.</source>
        <translation>Cần ghi nội dung nhiệm vụ.</translation>
    </message>
    <message>
        <source>Choose who leads the task.</source>
        <translation>Cần chọn đơn vị hoặc người chủ trì.</translation>
    </message>
    <message>
        <source>The lead cannot coordinate as well.</source>
        <translation>Đơn vị/người chủ trì không đồng thời là phối hợp.</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>Đến muộn</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
</context>
<context>
    <name>BigScreen</name>
    <message>
        <source>Big screen — %1</source>
        <translation>Màn hình lớn — %1</translation>
    </message>
    <message>
        <source>Esc closes the big screen</source>
        <translation>Esc để đóng màn hình lớn</translation>
    </message>
</context>
<context>
    <name>CalendarModel</name>
    <message>
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại cuộc họp</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>My answer</source>
        <translation>Vai trò, trả lời của tôi</translation>
    </message>
</context>
<context>
    <name>CalendarPanel</name>
    <message>
        <source>Previous (PgUp)</source>
        <extracomment>A meeting was chosen (its id). A refresh&apos;s rows are on screen (tests wait on it).</extracomment>
        <translation>Trước (PgUp)</translation>
    </message>
    <message>
        <source>Next (PgDn)</source>
        <translation>Sau (PgDn)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <source>Go to today (Ctrl+T)</source>
        <translation>Về hôm nay (Ctrl+T)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Tuần</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <source>My meetings</source>
        <translation>Cuộc họp của tôi</translation>
    </message>
    <message>
        <source>My unit&apos;s</source>
        <translation>Của đơn vị tôi</translation>
    </message>
    <message>
        <source>My organisation&apos;s</source>
        <translation>Của cơ quan tôi</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>Cuộc họp mới…</translation>
    </message>
    <message>
        <source>Call a new meeting (Ctrl+Shift+M)</source>
        <translation>Tạo cuộc họp mới (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <source>Weekly schedule</source>
        <translation>Lịch công tác tuần</translation>
    </message>
    <message>
        <source>The leaders&apos; schedule of the shown week, as a PDF</source>
        <translation>Lịch công tác tuần của lãnh đạo (tuần đang xem), dạng PDF</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Xem:</translation>
    </message>
    <message>
        <source>My next meetings</source>
        <translation>Cuộc họp sắp tới của tôi</translation>
    </message>
    <message>
        <source>Month %1</source>
        <translation>Tháng %1</translation>
    </message>
    <message>
        <source>Week %1 – %2</source>
        <translation>Tuần %1 – %2</translation>
    </message>
    <message>
        <source>No meetings coming.</source>
        <translation>Không có cuộc họp sắp tới.</translation>
    </message>
    <message>
        <source>Meetings on %1</source>
        <translation>Cuộc họp ngày %1</translation>
    </message>
    <message>
        <source>%1 meetings</source>
        <translation>%1 cuộc họp</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <source>Sign the answer with the e-card</source>
        <translation>Ký số ý kiến bằng thẻ ký số</translation>
    </message>
    <message>
        <source>Sign and send</source>
        <extracomment>Asks for the PIN; replaced in tests, where no modal dialog can be typed in.</extracomment>
        <translation>Ký và gửi</translation>
    </message>
    <message>
        <source>Choose the e-card or the certificate file to sign with.</source>
        <translation>Hãy chọn thẻ ký số hoặc tệp chứng thư số (.p12/.pfx) để ký.</translation>
    </message>
</context>
<context>
    <name>ChairConsole</name>
    <message>
        <source>Running the session — %1</source>
        <extracomment>The agenda item whose vote defaults the form holds (``_vote_defaults``). The question open now (tests answer it).</extracomment>
        <translation>Điều hành phiên họp — %1</translation>
    </message>
    <message>
        <source>Open the session</source>
        <translation>Khai mạc</translation>
    </message>
    <message>
        <source>Pause / resume</source>
        <translation>Tạm dừng / tiếp tục</translation>
    </message>
    <message>
        <source>Pause the session, or resume it</source>
        <translation>Tạm dừng phiên họp, hoặc họp tiếp</translation>
    </message>
    <message>
        <source>Close the session…</source>
        <translation>Bế mạc…</translation>
    </message>
    <message>
        <source>Open the big screen</source>
        <translation>Mở màn hình lớn</translation>
    </message>
    <message>
        <source>Show the session full screen on the chosen display</source>
        <translation>Hiển thị phiên họp toàn màn hình trên màn hình đã chọn</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>Nội dung trước</translation>
    </message>
    <message>
        <source>Show everyone the previous agenda item</source>
        <translation>Chuyển mọi người về nội dung trước của chương trình</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>Nội dung tiếp theo</translation>
    </message>
    <message>
        <source>Show everyone the next agenda item</source>
        <translation>Chuyển mọi người sang nội dung tiếp theo của chương trình</translation>
    </message>
    <message>
        <source>Show the selected</source>
        <translation>Trình chiếu mục đã chọn</translation>
    </message>
    <message>
        <source>Show everyone the selected item or document</source>
        <translation>Trình chiếu cho mọi người nội dung hoặc tài liệu đã chọn</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>Show everyone the previous page</source>
        <translation>Chuyển mọi người về trang trước</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <source>Show everyone the next page</source>
        <translation>Chuyển mọi người sang trang sau</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Chấp nhận</translation>
    </message>
    <message>
        <source>Accept the selected request into the queue</source>
        <translation>Đưa yêu cầu đã chọn vào danh sách phát biểu</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Refuse the selected request</source>
        <translation>Từ chối yêu cầu đã chọn</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Lên trên</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Xuống dưới</translation>
    </message>
    <message>
        <source>Give the floor</source>
        <translation>Mời phát biểu</translation>
    </message>
    <message>
        <source>Give the floor to the selected speaker</source>
        <translation>Mời người đã chọn phát biểu</translation>
    </message>
    <message>
        <source>Next speaker</source>
        <translation>Người tiếp theo</translation>
    </message>
    <message>
        <source>End this speech and give the floor to the head of the queue</source>
        <translation>Kết thúc lượt này và mời người đầu danh sách phát biểu</translation>
    </message>
    <message>
        <source>Pause / resume the timer</source>
        <translation>Dừng / chạy tiếp đồng hồ</translation>
    </message>
    <message>
        <source>End the speech</source>
        <translation>Kết thúc phát biểu</translation>
    </message>
    <message>
        <source>Scan a pass</source>
        <translation>Quét thẻ điểm danh</translation>
    </message>
    <message>
        <source>Put the cursor in the pass field: scan the card&apos;s QR code</source>
        <translation>Đặt con trỏ vào ô quét thẻ: quét mã QR trên thẻ điểm danh</translation>
    </message>
    <message>
        <source>Present in the hall</source>
        <translation>Có mặt tại hội trường</translation>
    </message>
    <message>
        <source>Absent, with reason</source>
        <translation>Vắng (có lý do)</translation>
    </message>
    <message>
        <source>Has left</source>
        <translation>Đã rời cuộc họp</translation>
    </message>
    <message>
        <source>Prepare the vote</source>
        <translation>Chuẩn bị biểu quyết</translation>
    </message>
    <message>
        <source>Open the vote</source>
        <translation>Bắt đầu biểu quyết</translation>
    </message>
    <message>
        <source>Close the vote</source>
        <translation>Kết thúc biểu quyết</translation>
    </message>
    <message>
        <source>Publish the result</source>
        <translation>Công bố kết quả</translation>
    </message>
    <message>
        <source>Show / hide the running tally</source>
        <translation>Hiện / ẩn kết quả đang kiểm</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Điều hành</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Phiên họp</translation>
    </message>
    <message>
        <source>&amp;Agenda</source>
        <translation>&amp;Chương trình</translation>
    </message>
    <message>
        <source>S&amp;peakers</source>
        <translation>Phát &amp;biểu</translation>
    </message>
    <message>
        <source>A&amp;ttendance</source>
        <translation>Điểm &amp;danh</translation>
    </message>
    <message>
        <source>&amp;Votes</source>
        <translation>Biểu &amp;quyết</translation>
    </message>
    <message>
        <source>The display the big screen opens on</source>
        <translation>Màn hình dùng làm màn hình lớn</translation>
    </message>
    <message>
        <source>Display %1: %2 (%3×%4)</source>
        <translation>Màn hình %1: %2 (%3×%4)</translation>
    </message>
    <message>
        <source>Enter (or Ctrl+Enter) shows the selected item or document to everyone</source>
        <translation>Enter (hoặc Ctrl+Enter) trình chiếu nội dung hoặc tài liệu đã chọn cho mọi người</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Chương trình họp</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>không giới hạn</translation>
    </message>
    <message>
        <source>Each speech&apos;s time limit</source>
        <translation>Thời gian tối đa của mỗi lượt phát biểu</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Speakers</source>
        <translation>Phát biểu</translation>
    </message>
    <message>
        <source>Time per speech:</source>
        <translation>Thời gian mỗi lượt:</translation>
    </message>
    <message>
        <source>Who has spoken</source>
        <translation>Thống kê phát biểu</translation>
    </message>
    <message>
        <source>Scan the QR code of an attendance card here (or type it, then Enter)</source>
        <translation>Quét mã QR của thẻ điểm danh vào đây (hoặc gõ mã rồi nhấn Enter)</translation>
    </message>
    <message>
        <source>Reason for the absence</source>
        <translation>Lý do vắng mặt</translation>
    </message>
    <message>
        <source>Secret ballot</source>
        <translation>Bỏ phiếu kín</translation>
    </message>
    <message>
        <source> s</source>
        <translation> giây</translation>
    </message>
    <message>
        <source>Candidates, or the people assessed: one per line</source>
        <translation>Các ứng cử viên, hoặc người được lấy phiếu tín nhiệm: mỗi người một dòng</translation>
    </message>
    <message>
        <source>Show the running tally (named votes)</source>
        <translation>Hiện kết quả trong khi biểu quyết (biểu quyết công khai)</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Nội dung:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Hình thức:</translation>
    </message>
    <message>
        <source>Rule:</source>
        <translation>Quy tắc:</translation>
    </message>
    <message>
        <source>Time limit:</source>
        <translation>Thời gian:</translation>
    </message>
    <message>
        <source>Choices:</source>
        <translation>Lựa chọn:</translation>
    </message>
    <message>
        <source>Choose at most:</source>
        <translation>Chọn tối đa:</translation>
    </message>
    <message>
        <source>New vote</source>
        <translation>Biểu quyết mới</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>Nothing shown yet: choose an agenda item (Alt+Down)</source>
        <translation>Chưa trình chiếu nội dung nào: hãy chọn một nội dung của chương trình (Alt+Down)</translation>
    </message>
    <message>
        <source>Shown to everyone: %1 %2</source>
        <translation>Đang trình chiếu: %1 %2</translation>
    </message>
    <message>
        <source>%1, page %2</source>
        <translation>%1, trang %2</translation>
    </message>
    <message>
        <source>In the hall %1 · online %2 · substitutes %3 · absent %4 · not arrived %5 · left %6</source>
        <translation>Tại hội trường %1 · trực tuyến %2 · dự thay %3 · vắng %4 · chưa điểm danh %5 · đã rời %6</translation>
    </message>
    <message>
        <source>Arrived late: %1</source>
        <translation>Đến muộn: %1</translation>
    </message>
    <message>
        <source>Nobody has the floor</source>
        <translation>Chưa có người phát biểu</translation>
    </message>
    <message>
        <source>Speaking: %1 (%2)</source>
        <translation>Đang phát biểu: %1 (%2)</translation>
    </message>
    <message>
        <source>timer paused</source>
        <translation>đồng hồ đang dừng</translation>
    </message>
    <message>
        <source>Not spoken yet: %1 of %2 (in red)</source>
        <translation>Chưa phát biểu: %1/%2 người (tô đỏ)</translation>
    </message>
    <message>
        <source>Everyone has spoken</source>
        <translation>Mọi người đều đã phát biểu</translation>
    </message>
    <message>
        <source>Close the session</source>
        <translation>Bế mạc</translation>
    </message>
    <message>
        <source>Close the session? The meeting ends for everyone.</source>
        <translation>Bế mạc phiên họp? Cuộc họp sẽ kết thúc với mọi người.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Choose a request in the queue first.</source>
        <translation>Hãy chọn một yêu cầu trong danh sách phát biểu trước.</translation>
    </message>
    <message>
        <source>%1 checked in: %2</source>
        <translation>%1 đã điểm danh: %2</translation>
    </message>
    <message>
        <source>Choose a person in the list first.</source>
        <translation>Hãy chọn một người trong danh sách trước.</translation>
    </message>
    <message>
        <source>Type the reason for the absence, then press Ctrl+J again.</source>
        <translation>Hãy nhập lý do vắng mặt rồi nhấn lại Ctrl+J.</translation>
    </message>
    <message>
        <source>Vote on: %1</source>
        <translation>Biểu quyết: %1</translation>
    </message>
    <message>
        <source>Type what the vote is about.</source>
        <translation>Hãy nhập nội dung biểu quyết.</translation>
    </message>
    <message>
        <source>Write the candidates or the people assessed, one per line.</source>
        <translation>Hãy nhập các ứng cử viên hoặc người được lấy phiếu tín nhiệm, mỗi người một dòng.</translation>
    </message>
    <message>
        <source>Vote prepared; open it with F6.</source>
        <translation>Đã chuẩn bị biểu quyết; nhấn F6 để bắt đầu.</translation>
    </message>
    <message>
        <source>No quorum</source>
        <translation>Không đủ số lượng</translation>
    </message>
    <message>
        <source>The quorum does not hold (%1). Open the vote anyway?</source>
        <translation>Không đủ số lượng thành viên có mặt theo quy định (%1). Vẫn bắt đầu biểu quyết?</translation>
    </message>
    <message>
        <source>Open without quorum</source>
        <translation>Vẫn bắt đầu biểu quyết</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <source>Comment on “%1”</source>
        <translation>Góp ý “%1”</translation>
    </message>
    <message>
        <source>Whole document</source>
        <translation>Toàn văn</translation>
    </message>
    <message>
        <source>Your opinion on the draft</source>
        <translation>Ý kiến góp ý của bạn về dự thảo</translation>
    </message>
    <message>
        <source>&amp;Page:</source>
        <translation>&amp;Trang:</translation>
    </message>
    <message>
        <source>&amp;Comment:</source>
        <translation>&amp;Nội dung góp ý:</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Người góp ý</translation>
    </message>
    <message>
        <source>Position, unit</source>
        <translation>Chức vụ, đơn vị</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Nội dung góp ý</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Export to Word…</source>
        <translation>Xuất ra Word…</translation>
    </message>
    <message>
        <source>Save the collected comments as a Word table</source>
        <translation>Lưu bảng tổng hợp góp ý thành tệp Word</translation>
    </message>
    <message>
        <source>%1 comments collected</source>
        <translation>Đã tổng hợp %1 ý kiến góp ý</translation>
    </message>
    <message>
        <source>Whole</source>
        <translation>Toàn văn</translation>
    </message>
    <message>
        <source>Select a document first</source>
        <translation>Hãy chọn một tài liệu trước</translation>
    </message>
    <message>
        <source>Comment sent</source>
        <translation>Đã gửi góp ý</translation>
    </message>
    <message>
        <source>Export the comments</source>
        <translation>Xuất bảng tổng hợp góp ý</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Tài liệu Word (*.docx)</translation>
    </message>
    <message>
        <source>Comments exported to %1</source>
        <translation>Đã xuất bảng tổng hợp góp ý: %1</translation>
    </message>
</context>
<context>
    <name>CompleteDialog</name>
    <message>
        <source>Complete the task</source>
        <translation>Hoàn thành nhiệm vụ</translation>
    </message>
    <message>
        <source>(no reply document)</source>
        <translation>(không có văn bản trả lời)</translation>
    </message>
    <message>
        <source>&amp;Result:</source>
        <translation>&amp;Kết quả xử lý:</translation>
    </message>
    <message>
        <source>Reply &amp;document:</source>
        <translation>&amp;Văn bản trả lời:</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Đã hoàn thành</translation>
    </message>
</context>
<context>
    <name>DecideExtensionDialog</name>
    <message>
        <source>Approve the extension</source>
        <translation>Duyệt gia hạn xử lý</translation>
    </message>
    <message>
        <source>Refuse the extension</source>
        <translation>Không duyệt gia hạn xử lý</translation>
    </message>
    <message>
        <source>none</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Việc được giao</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Người xin gia hạn</translation>
    </message>
    <message>
        <source>Current deadline</source>
        <translation>Hạn xử lý hiện tại</translation>
    </message>
    <message>
        <source>Asked until</source>
        <translation>Xin gia hạn đến</translation>
    </message>
    <message>
        <source>Reason given</source>
        <translation>Lý do xin gia hạn</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>Hạn xử lý mới</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Reason for refusing</source>
        <translation>Lý do không duyệt</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>The new deadline cannot be in the past.</source>
        <translation>Hạn xử lý mới không được trước hôm nay.</translation>
    </message>
    <message>
        <source>The new deadline must be after the current one (%1).</source>
        <translation>Hạn xử lý mới phải sau hạn hiện tại (%1).</translation>
    </message>
    <message>
        <source>Write the reason for refusing.</source>
        <translation>Hãy ghi lý do không duyệt gia hạn.</translation>
    </message>
</context>
<context>
    <name>DelegateView</name>
    <message>
        <source>Session — %1</source>
        <extracomment>A vote button&apos;s least height (px): a finger on a tablet. Keys that page through the document by hand (they turn &quot;follow the chair&quot; off). The document in the reader (its id) and the vote the buttons are for. The question open now (tests answer it).</extracomment>
        <translation>Phiên họp — %1</translation>
    </message>
    <message>
        <source>Follow the chair</source>
        <translation>Theo chủ tọa</translation>
    </message>
    <message>
        <source>Back to the chair&apos;s page</source>
        <translation>Về trang chủ tọa đang trình chiếu</translation>
    </message>
    <message>
        <source>Check in (in the hall)</source>
        <translation>Điểm danh (tại hội trường)</translation>
    </message>
    <message>
        <source>Check in (online)</source>
        <translation>Điểm danh (trực tuyến)</translation>
    </message>
    <message>
        <source>Ask to speak</source>
        <translation>Đăng ký phát biểu</translation>
    </message>
    <message>
        <source>Point of order</source>
        <translation>Ý kiến về thủ tục</translation>
    </message>
    <message>
        <source>Withdraw my request</source>
        <translation>Rút đăng ký phát biểu</translation>
    </message>
    <message>
        <source>Follow the chair (F)</source>
        <translation>Theo chủ tọa (F)</translation>
    </message>
    <message>
        <source>Show what the chair shows; F turns it on or off, Home comes back</source>
        <translation>Hiển thị những gì chủ tọa đang trình chiếu; F để bật hoặc tắt, Home để quay lại</translation>
    </message>
    <message>
        <source>Enter opens the selected document here (you stop following the chair)</source>
        <translation>Enter để mở tài liệu đã chọn tại đây (thôi theo chủ tọa)</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Phát biểu</translation>
    </message>
    <message>
        <source>Vote</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>Send my ballot (Ctrl+Enter)</source>
        <translation>Gửi phiếu (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Not following the chair — F to follow</source>
        <translation>Đang xem riêng — nhấn F để theo chủ tọa</translation>
    </message>
    <message>
        <source>This document is not released to the participants yet.</source>
        <translation>Tài liệu này chưa được phát hành cho người dự họp.</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Trang %1/%2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Bạn: %1</translation>
    </message>
    <message>
        <source>Nobody has the floor</source>
        <translation>Chưa có người phát biểu</translation>
    </message>
    <message>
        <source>Speaking: %1</source>
        <translation>Đang phát biểu: %1</translation>
    </message>
    <message>
        <source>Your request: %1 — %2</source>
        <translation>Yêu cầu của bạn: %1 — %2</translation>
    </message>
    <message>
        <source>No vote open</source>
        <translation>Chưa có biểu quyết</translation>
    </message>
    <message>
        <source>Voted</source>
        <translation>Đã biểu quyết</translation>
    </message>
    <message>
        <source>Key %1</source>
        <translation>Phím %1</translation>
    </message>
    <message>
        <source>Choose at most %1.</source>
        <translation>Chọn tối đa %1.</translation>
    </message>
    <message>
        <source>Confirm your ballot</source>
        <translation>Xác nhận phiếu biểu quyết</translation>
    </message>
    <message>
        <source>You chose: %1.
Send your ballot? It cannot be changed afterwards.</source>
        <translation>Bạn chọn: %1.
Gửi phiếu? Sau khi gửi không thể thay đổi.</translation>
    </message>
    <message>
        <source>Send ballot</source>
        <translation>Gửi phiếu</translation>
    </message>
    <message>
        <source>Choose again</source>
        <translation>Chọn lại</translation>
    </message>
    <message>
        <source>Checked in: %1</source>
        <translation>Đã điểm danh: %1</translation>
    </message>
    <message>
        <source>Your request to speak was sent to the chair.</source>
        <translation>Đã gửi đăng ký phát biểu tới chủ tọa.</translation>
    </message>
</context>
<context>
    <name>DelegationDialog</name>
    <message>
        <source>Choose the deputy.</source>
        <translation>Hãy chọn người được ủy quyền.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Delegate</source>
        <translation>Ủy quyền</translation>
    </message>
    <message>
        <source>Delegate to a deputy</source>
        <translation>Ủy quyền xử lý thay</translation>
    </message>
    <message>
        <source>Delegated to %1 from %2 to %3.</source>
        <translation>Đã ủy quyền cho %1 từ %2 đến %3.</translation>
    </message>
    <message>
        <source>Delegations given and received</source>
        <translation>Các lần ủy quyền và được ủy quyền</translation>
    </message>
    <message>
        <source>Deputy</source>
        <translation>Người được ủy quyền</translation>
    </message>
    <message>
        <source>During these days the deputy sees your waiting documents and drafts, directs and approves them and signs “KT.” in your stead with their own e-card.</source>
        <translation>Trong thời gian này, người được ủy quyền thấy các văn bản và dự thảo đang chờ bạn xử lý, bút phê, duyệt và ký thay (KT.) bằng chữ ký số của chính mình.</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Đã hết hạn</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>In effect</source>
        <extracomment>&quot;active&quot;, &quot;upcoming&quot;, &quot;ended&quot; or &quot;revoked&quot; on the day the list was read.</extracomment>
        <translation>Đang hiệu lực</translation>
    </message>
    <message>
        <source>Not started yet</source>
        <translation>Chưa đến ngày</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Thu hồi</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Đã thu hồi</translation>
    </message>
    <message>
        <source>Revoked the delegation to %1.</source>
        <translation>Đã thu hồi ủy quyền cho %1.</translation>
    </message>
    <message>
        <source>The last day comes before the first.</source>
        <translation>Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.</translation>
    </message>
    <message>
        <source>The organisation has no other leader to delegate to.</source>
        <translation>Cơ quan không có lãnh đạo khác để ủy quyền.</translation>
    </message>
    <message>
        <source>e.g. On a work trip to Hà Nội</source>
        <translation>Ví dụ: Đi công tác Hà Nội</translation>
    </message>
    <message>
        <source>to</source>
        <translation>đến ngày</translation>
    </message>
</context>
<context>
    <name>DelegationsModel</name>
    <message>
        <source>Deputy</source>
        <translation>Người được ủy quyền</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Người ủy quyền</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
</context>
<context>
    <name>DeliverDialog</name>
    <message>
        <source>Deliver to organisations</source>
        <translation>Phát hành đến cơ quan</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <source>Deliver</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <source>Tick at least one recipient organisation.</source>
        <translation>Hãy chọn ít nhất một cơ quan nhận.</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>This window runs the demo server. When it closes, the server stops and the other eOffice windows open on this computer go offline until the demo is started again.</source>
        <extracomment>A window is on screen for this account (tests wait on it). Nothing is open and nothing will be: the app should end (exit code). This app runs the demo server the other apps use: closing its window stops it.</extracomment>
        <translation>Cửa sổ này đang chạy máy chủ mẫu. Khi đóng cửa sổ, máy chủ mẫu dừng và các cửa sổ eOffice khác đang mở trên máy này sẽ chuyển sang làm việc ngoại tuyến cho đến khi chạy lại bản dùng thử.</translation>
    </message>
    <message>
        <source>The server asks you to sign in again.</source>
        <translation>Máy chủ yêu cầu bạn đăng nhập lại.</translation>
    </message>
    <message>
        <source>Cannot open eOffice</source>
        <translation>Không mở được eOffice</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>File:</source>
        <extracomment>Verification reports by (digest, roots): a refresh does not check a file again. The document and files the viewer shows (a refresh keeps the page in view). The pages with their signatures and seals drawn (QPdfView draws neither). &quot;Mật&quot;, &quot;Tối mật&quot;, &quot;Tuyệt mật&quot; beside the title of a secret document.</extracomment>
        <translation>Tệp:</translation>
    </message>
    <message>
        <source>Open full size</source>
        <translation>Toàn màn hình</translation>
    </message>
    <message>
        <source>Read, zoom, search, save a copy or print (or double-click the page)</source>
        <translation>Đọc, phóng to, tìm, lưu bản sao hoặc in (hoặc nhấp đúp vào trang)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Print the file on a printer, with its signatures and seals</source>
        <translation>In tệp ra máy in, có chữ ký số và con dấu</translation>
    </message>
    <message>
        <source>Fields</source>
        <extracomment>Ask for, approve or refuse a deadline extension of a line. The signatures of the PDF on screen, verified off the GUI thread.</extracomment>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Bút phê, giao việc</translation>
    </message>
    <message>
        <source>Digital signatures</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Lịch sử</translation>
    </message>
    <message>
        <source>Number and notation</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Arrival number</source>
        <translation>Số đến</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Ngày đến</translation>
    </message>
    <message>
        <source>Issued date</source>
        <translation>Ngày ban hành</translation>
    </message>
    <message>
        <source>Issuing organ</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Organ identifier</source>
        <translation>Mã định danh cơ quan</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại văn bản</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Co-signer (signs first)</source>
        <translation>Người ký trước</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>Độ mật</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <source>Receiving unit / person</source>
        <translation>Đơn vị, người nhận</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Secret document: numbered in the secret register</source>
        <extracomment>Fields that only an incoming or only an outgoing document has.</extracomment>
        <translation>Văn bản mật: số trong sổ văn bản mật</translation>
    </message>
    <message>
        <source>signed</source>
        <translation>đã ký số</translation>
    </message>
    <message>
        <source>not signed yet</source>
        <translation>chưa ký số</translation>
    </message>
    <message>
        <source>Select a document in the list to read it.</source>
        <translation>Chọn một văn bản trong danh sách để xem.</translation>
    </message>
    <message>
        <source>Attachment: %1</source>
        <translation>Văn bản kèm theo: %1</translation>
    </message>
    <message>
        <source>The file is being downloaded from the server…</source>
        <translation>Tệp đang được tải về từ máy chủ…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
</context>
<context>
    <name>DialogButtons</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>Diary</name>
    <message>
        <source>Work diary</source>
        <extracomment>The diary, its people, and the handled documents it proposes entries from.</extracomment>
        <translation>Nhật ký công việc</translation>
    </message>
    <message>
        <source>Write today&apos;s work, see the week, export reports</source>
        <translation>Ghi công việc hôm nay, xem cả tuần, xuất báo cáo</translation>
    </message>
    <message>
        <source>Regular duty</source>
        <translation>Nhiệm vụ thường xuyên</translation>
    </message>
    <message>
        <source>Ad-hoc task</source>
        <translation>Nhiệm vụ đột xuất</translation>
    </message>
    <message>
        <source>Assigned by a document</source>
        <translation>Giao qua văn bản</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Họp, hội nghị</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>T2</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>T3</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>T4</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>T5</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>T6</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>T7</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>CN</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 giờ %2 phút</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 giờ</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <source>Edited on another computer too: choose a version</source>
        <translation>Cũng được sửa trên máy khác: hãy chọn giữ bản nào</translation>
    </message>
    <message>
        <source>Deleted on another computer: keep or drop this version</source>
        <translation>Đã bị xóa trên máy khác: giữ lại hay bỏ bản này</translation>
    </message>
    <message>
        <source>Arrived after the week was approved: kept aside</source>
        <translation>Đến sau khi tuần đã được duyệt: được giữ riêng</translation>
    </message>
</context>
<context>
    <name>DiaryPanel</name>
    <message>
        <source>Previous week (Alt+Left)</source>
        <extracomment>After a refresh has put what was read on screen (tests wait on it). After an action of this panel was applied (the window&apos;s section refreshes it then, from what the operation changed).</extracomment>
        <translation>Tuần trước (Alt+←)</translation>
    </message>
    <message>
        <source>Next week (Alt+Right)</source>
        <translation>Tuần sau (Alt+→)</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <source>Week view</source>
        <translation>Xem theo tuần</translation>
    </message>
    <message>
        <source>Day view</source>
        <translation>Xem theo ngày</translation>
    </message>
    <message>
        <source>Approve week</source>
        <translation>Duyệt tuần</translation>
    </message>
    <message>
        <source>Reopen week…</source>
        <translation>Mở lại tuần…</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Báo cáo…</translation>
    </message>
    <message>
        <source>Quick add, e.g. “8h30-10h briefing”, “30p reply to a letter”, “1.5h report” — Enter</source>
        <translation>Ghi nhanh, vd “8h30-10h họp giao ban”, “30p trả lời công văn”, “chiều 2h-4h …” — nhấn Enter</translation>
    </message>
    <message>
        <source>Category: guess</source>
        <translation>Loại: tự nhận biết</translation>
    </message>
    <message>
        <source>Copy yesterday&apos;s recurring</source>
        <translation>Chép việc lặp lại hôm trước</translation>
    </message>
    <message>
        <source>New entry…</source>
        <translation>Thêm mục…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Keep this version</source>
        <translation>Giữ bản này</translation>
    </message>
    <message>
        <source>Keep the other version</source>
        <translation>Giữ bản kia</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Ý kiến…</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Nhận</translation>
    </message>
    <message>
        <source>Edit and accept…</source>
        <translation>Sửa rồi nhận…</translation>
    </message>
    <message>
        <source>Drop</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>What you did in eOffice today, proposed for the diary: nothing is added until you accept it.</source>
        <translation>Những việc bạn đã làm trên eOffice trong ngày, gợi ý ghi vào nhật ký: không có gì được thêm khi bạn chưa nhận.</translation>
    </message>
    <message>
        <source>Comment on the week…</source>
        <translation>Ý kiến về tuần…</translation>
    </message>
    <message>
        <source>Drafted</source>
        <translation>Việc gợi ý</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>My units</source>
        <translation>Đơn vị phụ trách</translation>
    </message>
    <message>
        <source>My diary</source>
        <translation>Nhật ký của tôi</translation>
    </message>
    <message>
        <source>Week %1 – %2</source>
        <translation>Tuần %1 – %2</translation>
    </message>
    <message>
        <source>Week: %1</source>
        <translation>Cả tuần: %1</translation>
    </message>
    <message>
        <source>Approved by %1 — locked</source>
        <translation>Đã được %1 duyệt — đã khóa</translation>
    </message>
    <message>
        <source>a leader</source>
        <translation>lãnh đạo</translation>
    </message>
    <message>
        <source>Reopened: %1</source>
        <translation>Đã mở lại: %1</translation>
    </message>
    <message>
        <source>Not approved yet</source>
        <translation>Chưa duyệt</translation>
    </message>
    <message>
        <source>Drafted (%1)</source>
        <translation>Việc gợi ý (%1)</translation>
    </message>
    <message>
        <source>Comments (%1)</source>
        <translation>Ý kiến (%1)</translation>
    </message>
    <message>
        <source>%1: the times of “%2” (%3) and “%4” (%5) overlap.</source>
        <translation>%1: thời gian của “%2” (%3) và “%4” (%5) bị trùng nhau.</translation>
    </message>
    <message>
        <source>%1: %2 written — more than 24 hours in one day.</source>
        <translation>%1: đã ghi %2 — quá 24 giờ trong một ngày.</translation>
    </message>
    <message>
        <source>%1 entries wait for your choice (edited on two computers or after approval): select one and keep a version.</source>
        <translation>%1 mục đang chờ bạn chọn (được sửa trên hai máy hoặc sau khi duyệt): hãy chọn mục đó và giữ một bản.</translation>
    </message>
    <message>
        <source>Drop this version</source>
        <translation>Bỏ bản này</translation>
    </message>
    <message>
        <source>(write what the work was)</source>
        <translation>(hãy ghi nội dung công việc)</translation>
    </message>
    <message>
        <source>Write what the work was after the time, e.g. “2 tiếng soạn báo cáo”.</source>
        <translation>Hãy ghi nội dung công việc sau thời gian, vd “2 tiếng soạn báo cáo”.</translation>
    </message>
    <message>
        <source>Saved, but %1 now has %2 — more than 24 hours in one day.</source>
        <translation>Đã lưu, nhưng %1 nay có %2 — quá 24 giờ trong một ngày.</translation>
    </message>
    <message>
        <source>%1 recurring entries copied.</source>
        <translation>Đã chép %1 việc lặp lại.</translation>
    </message>
    <message>
        <source>Edit diary entry</source>
        <translation>Sửa mục nhật ký</translation>
    </message>
    <message>
        <source>New diary entry</source>
        <translation>Thêm mục nhật ký</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>Đã xóa “%1”.</translation>
    </message>
    <message>
        <source>Accept drafted entry</source>
        <translation>Nhận việc gợi ý</translation>
    </message>
    <message>
        <source>The week of %1 is approved and locked.</source>
        <translation>Đã duyệt và khóa tuần của %1.</translation>
    </message>
    <message>
        <source>Reopen the approved week</source>
        <translation>Mở lại tuần đã duyệt</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Comment on “%1”</source>
        <translation>Ý kiến về “%1”</translation>
    </message>
    <message>
        <source>Comment on the week</source>
        <translation>Ý kiến về tuần</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Report written: %1</source>
        <translation>Đã ghi báo cáo: %1</translation>
    </message>
</context>
<context>
    <name>DirectDialog</name>
    <message>
        <source>Direct document</source>
        <translation>Bút phê văn bản</translation>
    </message>
    <message>
        <source>e.g. Assign the Finance office to lead, report before the deadline.</source>
        <translation>Ví dụ: Giao Phòng Tài chính chủ trì, báo cáo trước thời hạn.</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Ý kiến bút phê</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Giao cho</translation>
    </message>
    <message>
        <source>Replace the lead</source>
        <extracomment>&quot;Thay người chủ trì&quot;: offered when the document already has a lead at work.</extracomment>
        <translation>Thay người chủ trì</translation>
    </message>
    <message>
        <source>The new lead takes over; %1 is told the task was given to someone else.</source>
        <translation>Người chủ trì mới nhận việc; %1 được báo việc đã giao cho người khác.</translation>
    </message>
    <message>
        <source>Current lead: %1</source>
        <translation>Đang chủ trì: %1</translation>
    </message>
    <message>
        <source>Direct</source>
        <translation>Bút phê</translation>
    </message>
    <message>
        <source>Add at least one line: who leads the handling.</source>
        <translation>Cần giao ít nhất một dòng: đơn vị hoặc người chủ trì xử lý.</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <source>Add PDF…</source>
        <translation>Thêm tài liệu PDF…</translation>
    </message>
    <message>
        <source>Add PDF files to the selected item (Ctrl+O; or drop them on it)</source>
        <translation>Thêm tệp PDF vào nội dung đang chọn (Ctrl+O, hoặc kéo thả tệp vào nội dung)</translation>
    </message>
    <message>
        <source>From the registers…</source>
        <translation>Lấy từ sổ văn bản…</translation>
    </message>
    <message>
        <source>Add a document from the registers to the selected item</source>
        <translation>Thêm một văn bản trong sổ vào nội dung đang chọn</translation>
    </message>
    <message>
        <source>Replace document…</source>
        <translation>Thay tài liệu…</translation>
    </message>
    <message>
        <source>Replace the selected document with a new version (the old is kept)</source>
        <translation>Thay tài liệu đang chọn bằng phiên bản mới (vẫn giữ bản cũ)</translation>
    </message>
    <message>
        <source>Who may read…</source>
        <translation>Quyền xem…</translation>
    </message>
    <message>
        <source>Who may read the selected document, and from when</source>
        <translation>Ai được xem tài liệu đang chọn, và từ lúc nào</translation>
    </message>
    <message>
        <source>Versions…</source>
        <translation>Các phiên bản…</translation>
    </message>
    <message>
        <source>Compare the selected document&apos;s versions</source>
        <translation>So sánh các phiên bản của tài liệu đang chọn</translation>
    </message>
    <message>
        <source>Remove document</source>
        <translation>Xóa tài liệu</translation>
    </message>
    <message>
        <source>Remove the selected document</source>
        <translation>Xóa tài liệu đang chọn</translation>
    </message>
    <message>
        <source>Select a document first</source>
        <translation>Hãy chọn một tài liệu trước</translation>
    </message>
    <message>
        <source>Select an agenda item first</source>
        <translation>Hãy chọn một nội dung họp trước</translation>
    </message>
    <message>
        <source>Add PDF documents</source>
        <translation>Thêm tài liệu PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>%1 documents added</source>
        <translation>Đã thêm %1 tài liệu</translation>
    </message>
    <message>
        <source>Document added: %1</source>
        <translation>Đã thêm tài liệu: %1</translation>
    </message>
    <message>
        <source>Replace “%1”</source>
        <translation>Thay tài liệu “%1”</translation>
    </message>
    <message>
        <source>Document replaced: version %1; readers see it as updated</source>
        <translation>Đã thay tài liệu: phiên bản %1; người dự họp thấy “Đã cập nhật”</translation>
    </message>
    <message>
        <source>Access sent; it takes effect when the server accepts it</source>
        <translation>Đã gửi quyền xem; có hiệu lực khi máy chủ chấp nhận</translation>
    </message>
    <message>
        <source>Access saved</source>
        <translation>Đã lưu quyền xem</translation>
    </message>
    <message>
        <source>Remove “%1” from the agenda?</source>
        <translation>Xóa tài liệu “%1” khỏi chương trình họp?</translation>
    </message>
    <message>
        <source>It is kept in the record, but nobody sees it on the agenda any more.</source>
        <translation>Tài liệu vẫn được lưu vết, nhưng không còn hiện trong chương trình họp.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Document removed: %1</source>
        <translation>Đã xóa tài liệu: %1</translation>
    </message>
</context>
<context>
    <name>DocumentDetail</name>
    <message>
        <source>%1 (for %2)</source>
        <extracomment>Its latest deadline extension request (``extension_dialog``), if any. The files&apos; SHA-256 digests, in the same order (to fetch the missing ones). Outgoing draft: the leader chosen to sign it (``Document.signer_id``). Outgoing draft: who signs it before the leader (``Document.cosigner_id``). The files with their ids and signatures, in the same order as ``files``. The number the register gave (None while &quot;chờ cấp số&quot;). The trusted roots on this computer, to verify the files&apos; signatures against.</extracomment>
        <translation>%1 (thay %2)</translation>
    </message>
</context>
<context>
    <name>DocumentListModel</name>
    <message>
        <source>%1 document: numbered in the secret register</source>
        <extracomment>``Qt.UserRole + 1`` of the subject column: the search&apos;s ``MatchHint`` (None outside a search).</extracomment>
        <translation>Độ mật: %1 — số trong sổ văn bản mật</translation>
    </message>
    <message>
        <source>Arrival no. / Number</source>
        <translation>Số đến, số ký hiệu</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Issuing organ</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Hạn</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Arrival no., number and notation</source>
        <extracomment>Headers that follow what the list holds: incoming, outgoing, or both.</extracomment>
        <translation>Số đến, số ký hiệu</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Ngày đến</translation>
    </message>
    <message>
        <source>Number and notation</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Issued date</source>
        <translation>Ngày ban hành</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>For: %1</source>
        <extracomment>Rows in the box for an absent leader the user acts for: id → the leader&apos;s name. Why each search result matched, by document id (empty outside a search).</extracomment>
        <translation>Thay: %1</translation>
    </message>
    <message>
        <source>Found in the file: %1</source>
        <translation>Tìm thấy trong tệp: %1</translation>
    </message>
</context>
<context>
    <name>DocumentsSection</name>
    <message>
        <source>&amp;Document</source>
        <extracomment>``Document.number_label`` of a document whose number the server has yet to give. The list&apos;s columns: width at 1366×768 first, and the order in which they give way when the list is narrow (the subject stretches and keeps at least SUBJECT_AT_LEAST). How long a message of the status bar stays (ms). What the list and the boxes&apos; counts show. Besides the sources&apos; own tables, what the follow-up panel&apos;s items depend on. What the document on screen shows: its history and its signatures&apos; trust too. The absent leaders this user acts for today (ủy quyền): id → name. Who runs &quot;Cấp số, ban hành…&quot; (the signing section sets it: number, fill in, seal, in steps). A document registered while its number is pending: its number is said when it comes. A document just made: opened once the list is read, if the list does not hold it. Over an empty list: what the box holds, and that it is empty.</extracomment>
        <translation>&amp;Văn bản</translation>
    </message>
    <message>
        <source>&amp;Handling</source>
        <translation>&amp;Xử lý</translation>
    </message>
    <message>
        <source>Register incoming…</source>
        <translation>Vào sổ văn bản đến…</translation>
    </message>
    <message>
        <source>Enter a received document in the incoming register</source>
        <translation>Vào sổ đăng ký văn bản đến một văn bản vừa nhận</translation>
    </message>
    <message>
        <source>New draft…</source>
        <translation>Soạn dự thảo…</translation>
    </message>
    <message>
        <source>Print register…</source>
        <translation>In sổ…</translation>
    </message>
    <message>
        <source>Direct…</source>
        <translation>Bút phê…</translation>
    </message>
    <message>
        <source>Return document…</source>
        <translation>Trả lại văn bản…</translation>
    </message>
    <message>
        <source>Start handling</source>
        <translation>Bắt đầu xử lý</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>Hoàn thành…</translation>
    </message>
    <message>
        <source>Return line…</source>
        <translation>Trả lại việc…</translation>
    </message>
    <message>
        <source>Forward down…</source>
        <translation>Chuyển xử lý…</translation>
    </message>
    <message>
        <source>Submit for signature…</source>
        <translation>Trình ký…</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>Duyệt…</translation>
    </message>
    <message>
        <source>Return draft…</source>
        <translation>Trả lại dự thảo…</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>Cấp số, ban hành…</translation>
    </message>
    <message>
        <source>Deliver…</source>
        <translation>Phát hành…</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <source>No document matches this search.</source>
        <translation>Không có văn bản nào khớp với điều kiện tìm.</translation>
    </message>
    <message>
        <source>No document matches “%1”.</source>
        <translation>Không có văn bản nào khớp với “%1”.</translation>
    </message>
    <message>
        <source>Try fewer words, or other filters.</source>
        <translation>Hãy thử bớt từ, hoặc đổi bộ lọc.</translation>
    </message>
    <message>
        <source>There is no document here now.</source>
        <translation>Hiện chưa có văn bản nào.</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Kết quả tìm kiếm</translation>
    </message>
    <message>
        <source>Registered and returned to the sender, with the reason.</source>
        <translation>Đã vào sổ và trả lại nơi gửi, kèm lý do.</translation>
    </message>
    <message>
        <source>Registered with arrival number %1.</source>
        <translation>Đã vào sổ, số đến %1.</translation>
    </message>
    <message>
        <source>Registered; the server gives the arrival number when it syncs (number pending).</source>
        <translation>Đã vào sổ; số đến sẽ do máy chủ cấp khi đồng bộ (chờ cấp số).</translation>
    </message>
    <message>
        <source>The server gave arrival number %1 to the document just registered.</source>
        <translation>Máy chủ đã cấp số đến %1 cho văn bản vừa vào sổ.</translation>
    </message>
    <message>
        <source>Directed: the people given the task are told at once.</source>
        <translation>Đã bút phê; người được giao việc nhận được thông báo ngay.</translation>
    </message>
    <message>
        <source>Handling started.</source>
        <translation>Đã bắt đầu xử lý.</translation>
    </message>
    <message>
        <source>Complete handling</source>
        <translation>Hoàn thành xử lý</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Marked done; the leader who directed sees it.</source>
        <translation>Đã hoàn thành; lãnh đạo bút phê thấy ngay kết quả.</translation>
    </message>
    <message>
        <source>Return line</source>
        <translation>Trả lại việc được giao</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Returned to the leader, with the reason.</source>
        <translation>Đã trả lại lãnh đạo, kèm lý do.</translation>
    </message>
    <message>
        <source>Return document</source>
        <translation>Trả lại văn bản</translation>
    </message>
    <message>
        <source>Returned to the sender, with the reason.</source>
        <translation>Đã trả lại nơi gửi, kèm lý do.</translation>
    </message>
    <message>
        <source>Draft saved in “My drafts”; submit it for signature when it is ready.</source>
        <translation>Đã lưu dự thảo vào “Dự thảo của tôi”; trình ký khi đã hoàn chỉnh.</translation>
    </message>
    <message>
        <source>Approve draft</source>
        <translation>Duyệt dự thảo</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Approved; the clerk can now number and issue it.</source>
        <translation>Đã duyệt; văn thư có thể cấp số, ban hành.</translation>
    </message>
    <message>
        <source>Return draft</source>
        <translation>Trả lại dự thảo</translation>
    </message>
    <message>
        <source>Returned to the drafter, with the comment.</source>
        <translation>Đã trả lại người soạn, kèm ý kiến.</translation>
    </message>
    <message>
        <source>The document was issued; the server gives its number when it syncs.</source>
        <translation>Văn bản đã được ban hành; số văn bản sẽ do máy chủ cấp khi đồng bộ.</translation>
    </message>
    <message>
        <source>The document was issued with number %1.</source>
        <translation>Văn bản đã được ban hành, số %1.</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Đã ban hành</translation>
    </message>
    <message>
        <source>The documents received and entered in the incoming register.</source>
        <translation>Các văn bản đã nhận và vào sổ văn bản đến.</translation>
    </message>
    <message>
        <source>The organisation&apos;s outgoing documents: approved, numbered and issued.</source>
        <translation>Văn bản đi của cơ quan: đã duyệt, đã cấp số, ban hành.</translation>
    </message>
    <message>
        <source>What waits for you: tasks given to you or your unit, documents to direct or issue.</source>
        <translation>Việc chờ bạn: việc được giao cho bạn hoặc đơn vị bạn, văn bản chờ bút phê hoặc chờ ban hành.</translation>
    </message>
    <message>
        <source>Tasks whose deadline comes within the next working days.</source>
        <translation>Việc được giao sắp đến hạn xử lý trong vài ngày làm việc tới.</translation>
    </message>
    <message>
        <source>Tasks past their deadline and not finished.</source>
        <translation>Việc được giao đã quá hạn xử lý mà chưa hoàn thành.</translation>
    </message>
    <message>
        <source>Drafts submitted to you for approval and signature, or awaiting your signature before the leader&apos;s.</source>
        <translation>Dự thảo trình bạn duyệt và ký số, hoặc chờ bạn ký trước lãnh đạo.</translation>
    </message>
    <message>
        <source>The outgoing drafts you wrote.</source>
        <translation>Dự thảo văn bản đi do bạn soạn.</translation>
    </message>
    <message>
        <source>Pass on for signature…</source>
        <translation>Chuyển lãnh đạo ký…</translation>
    </message>
    <message>
        <source>The draft was sent to the head of your unit for review.</source>
        <translation>Đã trình dự thảo để trưởng đơn vị cho ý kiến.</translation>
    </message>
    <message>
        <source>The draft was submitted to the leader for signature.</source>
        <translation>Đã trình lãnh đạo ký dự thảo.</translation>
    </message>
    <message>
        <source>The draft was passed on to the leader for signature.</source>
        <translation>Đã chuyển dự thảo để lãnh đạo ký.</translation>
    </message>
    <message>
        <source>Delegate…</source>
        <translation>Ủy quyền…</translation>
    </message>
    <message>
        <source>Name a deputy to act for you while you are away</source>
        <translation>Ủy quyền cho lãnh đạo khác xử lý thay khi bạn vắng mặt</translation>
    </message>
</context>
<context>
    <name>DraftDialog</name>
    <message>
        <source>New outgoing draft</source>
        <translation>Dự thảo văn bản đi</translation>
    </message>
    <message>
        <source>PDF files</source>
        <translation>Tệp PDF</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại văn bản</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Nơi nhận</translation>
    </message>
    <message>
        <source>Signer&apos;s position</source>
        <translation>Chức vụ người ký</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>Độ mật</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Số lượng bản</translation>
    </message>
    <message>
        <source>Reply to: %1</source>
        <translation>Trả lời văn bản: %1</translation>
    </message>
    <message>
        <source>Issuing the reply closes your handling of that document.</source>
        <translation>Khi văn bản trả lời được ban hành, việc xử lý văn bản đến đó của bạn được khép lại.</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Lưu dự thảo</translation>
    </message>
    <message>
        <source>Add the draft&apos;s PDF file.</source>
        <translation>Cần đính kèm tệp PDF của dự thảo.</translation>
    </message>
</context>
<context>
    <name>DraftsModel</name>
    <message>
        <source>At</source>
        <translation>Lúc</translation>
    </message>
    <message>
        <source>Proposed entry</source>
        <translation>Nội dung gợi ý</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Thời lượng</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Thời lượng</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Nội dung công việc</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Loại công việc</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>Overlaps another entry, or the day passes 24 hours</source>
        <translation>Trùng giờ với mục khác, hoặc ngày quá 24 giờ</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>From – to</source>
        <translation>Từ – đến</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>Repeats most days (offered by “copy yesterday&apos;s”)</source>
        <translation>Lặp lại hằng ngày (được gợi ý khi “chép việc lặp lại”)</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Nội dung công việc</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Loại công việc</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
</context>
<context>
    <name>ExtensionBar</name>
    <message>
        <source>Ask for extension…</source>
        <translation>Xin gia hạn…</translation>
    </message>
    <message>
        <source>Approve extension…</source>
        <translation>Duyệt gia hạn…</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Từ chối</translation>
    </message>
    <message>
        <source>Ask the directing leader for a later deadline</source>
        <translation>Xin lãnh đạo đã bút phê cho lùi hạn xử lý</translation>
    </message>
    <message>
        <source>Refuse the extension asked, with a reason</source>
        <translation>Không duyệt gia hạn, có ghi lý do</translation>
    </message>
    <message>
        <source>%1 asks for an extension until %2: %3</source>
        <extracomment>Where the line&apos;s latest request stands, in words (the state column may be cut).</extracomment>
        <translation>%1 xin gia hạn đến %2: %3</translation>
    </message>
    <message>
        <source>Extended until %4 (asked until %2).</source>
        <translation>Đã gia hạn đến %4 (xin đến %2).</translation>
    </message>
    <message>
        <source>The extension until %2 was refused: %5</source>
        <translation>Không được gia hạn đến %2: %5</translation>
    </message>
</context>
<context>
    <name>Extensions</name>
    <message>
        <source>Extension asked until %1</source>
        <extracomment>The leader who directed the line: who decides.</extracomment>
        <translation>Đang xin gia hạn đến %1</translation>
    </message>
    <message>
        <source>Extended until %1</source>
        <translation>Đã gia hạn đến %1</translation>
    </message>
    <message>
        <source>Extension refused: %1</source>
        <translation>Không được gia hạn: %1</translation>
    </message>
</context>
<context>
    <name>FileList</name>
    <message>
        <source>Drop PDF files here. The first file is the main document.</source>
        <translation>Kéo thả tệp PDF vào đây. Tệp đầu tiên là văn bản chính.</translation>
    </message>
    <message>
        <source>Add PDF…</source>
        <translation>Thêm PDF…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Bỏ</translation>
    </message>
    <message>
        <source>Choose the document&apos;s PDF files</source>
        <translation>Chọn các tệp PDF của văn bản</translation>
    </message>
    <message>
        <source>PDF files (*.pdf);;All files (*)</source>
        <translation>Tệp PDF (*.pdf);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Drop the PDF files here, or press “Add PDF…”.</source>
        <translation>Kéo thả tệp PDF vào đây, hoặc bấm “Thêm PDF…”.</translation>
    </message>
    <message>
        <source>Main file</source>
        <translation>Văn bản chính</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Văn bản kèm theo</translation>
    </message>
</context>
<context>
    <name>FilterPanel</name>
    <message>
        <source>(any)</source>
        <translation>(tất cả)</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>Chỉ văn bản quá hạn</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Loại sổ</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Năm</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại văn bản</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>Độ mật</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
</context>
<context>
    <name>FirstSyncDialog</name>
    <message>
        <source>Getting your documents</source>
        <translation>Đang tải văn bản của bạn</translation>
    </message>
    <message>
        <source>Downloading your documents from the server for the first time…</source>
        <translation>Đang tải văn bản của bạn từ máy chủ lần đầu…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>%1 rows received</source>
        <translation>Đã nhận %1 dòng dữ liệu</translation>
    </message>
    <message>
        <source>Stopping after the current page…</source>
        <translation>Đang dừng sau trang dữ liệu hiện tại…</translation>
    </message>
</context>
<context>
    <name>FollowupModel</name>
    <message>
        <source>Task</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
</context>
<context>
    <name>FollowupPanel</name>
    <message>
        <source>overdue</source>
        <extracomment>Rows shown before the panel scrolls: the documents keep most of the height.</extracomment>
        <translation>quá hạn</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <source>Forward line</source>
        <translation>Chuyển xử lý</translation>
    </message>
    <message>
        <source>Forward to</source>
        <translation>Chuyển cho</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Chuyển</translation>
    </message>
    <message>
        <source>Add at least one line.</source>
        <translation>Cần giao ít nhất một việc.</translation>
    </message>
    <message>
        <source>Forward for handling</source>
        <translation>Chuyển xử lý</translation>
    </message>
    <message>
        <source>New deadline:</source>
        <translation>Hạn xử lý mới:</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> ngày làm việc</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Chuyển cho:</translation>
    </message>
</context>
<context>
    <name>ImageBox</name>
    <message>
        <source>Choose image…</source>
        <translation>Chọn ảnh…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Chưa có ảnh</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Issue document</source>
        <translation>Ban hành văn bản</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>Issued date</source>
        <translation>Ngày ban hành</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Ban hành</translation>
    </message>
</context>
<context>
    <name>IssueFlowDialog</name>
    <message>
        <source>Number and issue</source>
        <extracomment>The step (one of STEPS) and its state changed (tests wait on it). The document is issued (sealed, or numbered when signed on paper). ``online()``: True/None (not known yet) lets the number be asked; False says why not.</extracomment>
        <translation>Cấp số, ban hành</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Văn bản</translation>
    </message>
    <message>
        <source>&amp;Issued date</source>
        <translation>&amp;Ngày ban hành</translation>
    </message>
    <message>
        <source>Number from the server</source>
        <translation>Cấp số (máy chủ cấp)</translation>
    </message>
    <message>
        <source>Number and date written into the document</source>
        <translation>Ghi số và ngày ban hành vào văn bản</translation>
    </message>
    <message>
        <source>Agency signature (seal)</source>
        <translation>Chữ ký số của cơ quan (đóng dấu)</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Đã ban hành</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Phát hành</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Tiếp tục</translation>
    </message>
    <message>
        <source>&amp;Deliver…</source>
        <translation>&amp;Phát hành…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>The server did not give the number: see the notifications.</source>
        <extracomment>What tells the dialog the desk changed: the window&apos;s ``changed`` (sync rounds too). While the number is awaited, the desk is read again now and then too: a sync round that brings it may announce only the tables it changed.</extracomment>
        <translation>Máy chủ không cấp số cho văn bản này; xem thông báo.</translation>
    </message>
    <message>
        <source>Number %1</source>
        <translation>Số %1</translation>
    </message>
    <message>
        <source>Not numbered yet.</source>
        <translation>Chưa cấp số.</translation>
    </message>
    <message>
        <source>Waiting for the server to give the number…</source>
        <translation>Đang chờ máy chủ cấp số…</translation>
    </message>
    <message>
        <source>Approved without a digital signature: nothing to fill in or seal.</source>
        <translation>Văn bản được duyệt không có chữ ký số: không ghi số vào tệp, không đóng dấu số.</translation>
    </message>
    <message>
        <source>Written: %1, %2</source>
        <translation>Đã ghi: số %1, %2</translation>
    </message>
    <message>
        <source>The file has no places for the number and date; the agency signature names the number.</source>
        <translation>Tệp không có ô ghi số và ngày; số văn bản được ghi trong chữ ký số của cơ quan.</translation>
    </message>
    <message>
        <source>Sealed.</source>
        <translation>Đã đóng dấu.</translation>
    </message>
    <message>
        <source>Press Continue to sign with the agency&apos;s card (PIN).</source>
        <translation>Bấm Tiếp tục để ký số của cơ quan (nhập mã PIN của thẻ ký số).</translation>
    </message>
    <message>
        <source>Issued as %1.</source>
        <translation>Đã ban hành: số %1.</translation>
    </message>
    <message>
        <source>Delivered to %1 organisation(s).</source>
        <translation>Đã phát hành tới %1 cơ quan.</translation>
    </message>
    <message>
        <source>No other organisation in eOffice to deliver to.</source>
        <translation>Không có cơ quan nhận nào khác trên eOffice để phát hành.</translation>
    </message>
    <message>
        <source>No connection to the server.</source>
        <translation>Chưa kết nối máy chủ.</translation>
    </message>
    <message>
        <source>The number is given by the server: connect to the server to number the document, then press Continue.</source>
        <translation>Cần kết nối máy chủ để cấp số: số văn bản do máy chủ cấp. Hãy kết nối mạng rồi bấm Tiếp tục.</translation>
    </message>
    <message>
        <source>Asking the server for the number…</source>
        <translation>Đang xin cấp số…</translation>
    </message>
    <message>
        <source>Writing the number and date…</source>
        <translation>Đang ghi số và ngày vào văn bản…</translation>
    </message>
    <message>
        <source>Sign with the agency&apos;s card (PIN)…</source>
        <translation>Ký bằng thẻ ký số của cơ quan (nhập mã PIN)…</translation>
    </message>
    <message>
        <source>Not done.</source>
        <translation>Chưa xong.</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>(none)</source>
        <translation>(không có)</translation>
    </message>
    <message>
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Tên nội dung:</translation>
    </message>
    <message>
        <source>&amp;Presenter:</source>
        <translation>&amp;Người trình bày:</translation>
    </message>
    <message>
        <source>Presenting &amp;unit:</source>
        <translation>Đơn vị &amp;trình:</translation>
    </message>
    <message>
        <source>Planned &amp;time:</source>
        <translation>Thời &amp;lượng dự kiến:</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>&amp;Hình thức:</translation>
    </message>
    <message>
        <source>&amp;Vote rule:</source>
        <translation>&amp;Quy tắc biểu quyết:</translation>
    </message>
    <message>
        <source>The item needs a title</source>
        <translation>Hãy nhập tên nội dung họp</translation>
    </message>
</context>
<context>
    <name>KeyChooser</name>
    <message>
        <source>Find e-cards</source>
        <translation>Tìm thẻ ký số</translation>
    </message>
    <message>
        <source>Certificate file…</source>
        <translation>Tệp chứng thư số…</translation>
    </message>
    <message>
        <source>Key to sign with</source>
        <translation>Chứng thư số dùng để ký</translation>
    </message>
    <message>
        <source>Certificate file</source>
        <extracomment>Asks for a .p12 file; replaced in tests, where no file dialog can be clicked.</extracomment>
        <translation>Tệp chứng thư số</translation>
    </message>
    <message>
        <source>Certificates (*.p12 *.pfx)</source>
        <translation>Chứng thư số (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Looking for e-cards…</source>
        <translation>Đang tìm thẻ ký số…</translation>
    </message>
    <message>
        <source>No e-card is plugged in; you can sign with the certificate on this computer.</source>
        <translation>Chưa cắm thẻ ký số; có thể ký bằng chứng thư số trên máy này.</translation>
    </message>
    <message>
        <source>No e-card found. Plug it in, or choose a certificate file.</source>
        <translation>Không tìm thấy thẻ ký số. Hãy cắm thẻ, hoặc chọn tệp chứng thư số.</translation>
    </message>
    <message>
        <source>Certificates found on e-cards: %1.</source>
        <translation>Số chứng thư số tìm thấy trên thẻ: %1.</translation>
    </message>
    <message>
        <source>Cannot read the e-cards.</source>
        <translation>Không đọc được thẻ ký số.</translation>
    </message>
</context>
<context>
    <name>KeyListModel</name>
    <message>
        <source>%1 — certificate on this computer, valid until %2</source>
        <translation>%1 — chứng thư số trên máy này, hiệu lực đến %2</translation>
    </message>
    <message>
        <source>%1 — certificate on this computer</source>
        <translation>%1 — chứng thư số trên máy này</translation>
    </message>
    <message>
        <source>%1 — e-card “%2”, valid until %3</source>
        <translation>%1 — thẻ “%2”, hiệu lực đến %3</translation>
    </message>
    <message>
        <source> (expired)</source>
        <translation> (đã hết hạn)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Incoming documents</source>
        <translation>Văn bản đến</translation>
    </message>
    <message>
        <source>Outgoing documents</source>
        <translation>Văn bản đi</translation>
    </message>
    <message>
        <source>Waiting for me</source>
        <translation>Chờ tôi xử lý</translation>
    </message>
    <message>
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <source>Drafts to approve</source>
        <translation>Dự thảo chờ duyệt</translation>
    </message>
    <message>
        <source>My drafts</source>
        <translation>Dự thảo của tôi</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Đã vào sổ</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Đã hoàn thành</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả lại</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Dự thảo</translation>
    </message>
    <message>
        <source>Submitted for signature</source>
        <translation>Đã trình ký</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <source>Numbered, awaiting the seal</source>
        <translation>Đã cấp số, chờ đóng dấu</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Đã ban hành</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Chờ xử lý</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Forwarded</source>
        <translation>Đã chuyển xử lý</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <source>Coordinate</source>
        <translation>Phối hợp</translation>
    </message>
    <message>
        <source>For information</source>
        <translation>Để biết</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Thường</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Khẩn</translation>
    </message>
    <message>
        <source>Very urgent</source>
        <translation>Thượng khẩn</translation>
    </message>
    <message>
        <source>Flash</source>
        <translation>Hỏa tốc</translation>
    </message>
    <message>
        <source>Ordinary</source>
        <translation>Không mật</translation>
    </message>
    <message>
        <source>Confidential</source>
        <translation>Mật</translation>
    </message>
    <message>
        <source>Secret</source>
        <translation>Tối mật</translation>
    </message>
    <message>
        <source>Top secret</source>
        <translation>Tuyệt mật</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Văn bản đến</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Văn bản đi</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>Văn thư</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Chuyên viên</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Lãnh đạo</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>awaiting number</source>
        <translation>chờ cấp số</translation>
    </message>
    <message>
        <source>Awaiting the head of unit&apos;s review</source>
        <translation>Chờ trưởng đơn vị cho ý kiến</translation>
    </message>
</context>
<context>
    <name>LinesEditor</name>
    <message>
        <source>Choose a unit or a person…</source>
        <translation>Chọn đơn vị hoặc người…</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Đơn vị: %1</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>ngày làm việc</translation>
    </message>
    <message>
        <source>date</source>
        <translation>ngày</translation>
    </message>
    <message>
        <source>no deadline</source>
        <translation>không hạn</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Bỏ dòng</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Hạn xử lý:</translation>
    </message>
    <message>
        <source>%1 working days</source>
        <translation>%1 ngày làm việc</translation>
    </message>
    <message>
        <source>%1 now coordinates: a document has one lead.</source>
        <translation>%1 chuyển sang phối hợp: mỗi văn bản chỉ có một chủ trì.</translation>
    </message>
</context>
<context>
    <name>LinesModel</name>
    <message>
        <source>Part</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Unit / person</source>
        <translation>Đơn vị / người</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Reason / result</source>
        <translation>Lý do / kết quả</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to eOffice</source>
        <extracomment>``sign_in(server_url, username, password)`` runs on a pool thread and returns anything (the opened account); a DomainError is shown in the dialog.</extracomment>
        <translation>Đăng nhập eOffice</translation>
    </message>
    <message>
        <source>Sign in with the account your administrator gave you.</source>
        <translation>Đăng nhập bằng tài khoản do quản trị hệ thống cấp cho bạn.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Fill in the server, the username and the password.</source>
        <translation>Hãy nhập địa chỉ máy chủ, tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <source>Something went wrong inside eOffice: %1</source>
        <translation>eOffice gặp lỗi ngoài dự kiến: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Refresh</source>
        <extracomment>Item data naming the section a sidebar entry belongs to. Said before the window closes (the demo&apos;s serving window: others go offline); &quot;&quot; closes at once. The question open before switching users or closing (tests answer it). Network work (sign-out, fetching files) off the GUI thread.</extracomment>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>X&amp;em</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Thanh công cụ</translation>
    </message>
    <message>
        <source>Demo user: </source>
        <translation>Người dùng thử: </translation>
    </message>
    <message>
        <source>eOffice — %1 (%2)</source>
        <translation>eOffice — %1 (%2)</translation>
    </message>
    <message>
        <source>eOffice — %1</source>
        <translation>Văn phòng điện tử — %1</translation>
    </message>
    <message>
        <source>Open the desk of %1?</source>
        <translation>Mở bàn làm việc của %1?</translation>
    </message>
    <message>
        <source>This window closes and %1&apos;s desk opens in its place.</source>
        <translation>Cửa sổ của %1 sẽ đóng và bàn làm việc mới mở thay vào chỗ đó.</translation>
    </message>
    <message>
        <source>What waits to be sent (%1) stays on this computer and is sent when %2 opens eOffice again.</source>
        <translation>Các thao tác chờ gửi (%1) vẫn được giữ trên máy này và sẽ được gửi khi %2 mở lại eOffice.</translation>
    </message>
    <message>
        <source>Switch user</source>
        <translation>Đổi người dùng</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Close eOffice</source>
        <translation>Đóng eOffice</translation>
    </message>
    <message>
        <source>Close eOffice?</source>
        <translation>Đóng eOffice?</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <source>&amp;Sync</source>
        <translation>Đồng &amp;bộ</translation>
    </message>
    <message>
        <source>Syncing with the server…</source>
        <translation>Đang đồng bộ với máy chủ…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Cannot do this</source>
        <translation>Không thực hiện được</translation>
    </message>
    <message>
        <source>Program error</source>
        <translation>Lỗi chương trình</translation>
    </message>
    <message>
        <source>Something went wrong inside eOffice. Nothing was saved. Please send the details below to the administrator.</source>
        <translation>Chương trình gặp lỗi. Chưa có gì được lưu. Xin gửi phần chi tiết dưới đây cho quản trị hệ thống.</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Đang xử lý…</translation>
    </message>
</context>
<context>
    <name>MatchDelegate</name>
    <message>
        <source>in the file:</source>
        <extracomment>A piece of text to draw: (text, marked, grey).</extracomment>
        <translation>trong tệp:</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>Add room…</source>
        <translation>Thêm phòng họp…</translation>
    </message>
    <message>
        <source>Add a meeting room to the organisation&apos;s list</source>
        <translation>Thêm phòng họp vào danh sách phòng của cơ quan</translation>
    </message>
    <message>
        <source>Another place, when not one of the rooms</source>
        <translation>Địa điểm khác, nếu không họp tại các phòng trên</translation>
    </message>
    <message>
        <source>https://… (the online meeting&apos;s address)</source>
        <translation>https://… (địa chỉ phòng họp trực tuyến)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(không)</translation>
    </message>
    <message>
        <source>Secret meeting (its documents reach only its participants)</source>
        <translation>Cuộc họp mật (tài liệu chỉ gửi người dự họp)</translation>
    </message>
    <message>
        <source>Notes printed on the invitation</source>
        <translation>Ghi chú in trên giấy mời</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Tên:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Loại cuộc họp:</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>&amp;Bắt đầu:</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>&amp;Kết thúc:</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>&amp;Phòng họp:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Đị&amp;a điểm:</translation>
    </message>
    <message>
        <source>&amp;Online link:</source>
        <translation>Đường dẫn họp trực &amp;tuyến:</translation>
    </message>
    <message>
        <source>C&amp;hair:</source>
        <translation>C&amp;hủ trì:</translation>
    </message>
    <message>
        <source>Se&amp;cretary:</source>
        <translation>Thư &amp;ký:</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Ghi chú:</translation>
    </message>
    <message>
        <source>Sittings</source>
        <translation>Các phiên họp</translation>
    </message>
    <message>
        <source>Add sitting…</source>
        <translation>Thêm phiên họp…</translation>
    </message>
    <message>
        <source>Edit sitting…</source>
        <translation>Sửa phiên họp…</translation>
    </message>
    <message>
        <source>Remove sitting</source>
        <translation>Bỏ phiên họp</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>(another place)</source>
        <translation>(địa điểm khác)</translation>
    </message>
    <message>
        <source>Sitting %1</source>
        <translation>Phiên %1</translation>
    </message>
    <message>
        <source>Warning (saving is still allowed):</source>
        <translation>Lưu ý (vẫn có thể lưu):</translation>
    </message>
    <message>
        <source>The meeting needs a title</source>
        <translation>Hãy nhập tên cuộc họp</translation>
    </message>
    <message>
        <source>The chair and the secretary must be two people.</source>
        <translation>Người chủ trì và thư ký phải là hai người khác nhau.</translation>
    </message>
</context>
<context>
    <name>MeetingEditor</name>
    <message>
        <source>Room %1 already has the meeting “%2” at the same time (%3)</source>
        <extracomment>A session of the People&apos;s Council has sittings over days (the others have one). How long after the last change the conflicts are asked again (typing a time).</extracomment>
        <translation>Phòng %1 đã có cuộc họp “%2” cùng giờ (%3)</translation>
    </message>
    <message>
        <source>%1 is already booked for the meeting “%2” at the same time (%3)</source>
        <translation>%1 đã có cuộc họp “%2” cùng giờ (%3)</translation>
    </message>
    <message>
        <source>%1 already has the meeting “%2” at the same time (%3)</source>
        <translation>%1 đã có lịch họp “%2” cùng giờ (%3)</translation>
    </message>
    <message>
        <source>New meeting</source>
        <translation>Cuộc họp mới</translation>
    </message>
    <message>
        <source>Edit meeting details</source>
        <translation>Sửa thông tin cuộc họp</translation>
    </message>
    <message>
        <source>Meeting created: %1</source>
        <translation>Đã tạo cuộc họp: %1</translation>
    </message>
    <message>
        <source>Meeting saved: %1</source>
        <translation>Đã lưu cuộc họp: %1</translation>
    </message>
    <message>
        <source>Room added: %1</source>
        <translation>Đã thêm phòng họp: %1</translation>
    </message>
    <message>
        <source>Sitting added</source>
        <translation>Đã thêm phiên họp</translation>
    </message>
    <message>
        <source>Sitting saved</source>
        <translation>Đã lưu phiên họp</translation>
    </message>
    <message>
        <source>Remove sitting</source>
        <translation>Bỏ phiên họp</translation>
    </message>
    <message>
        <source>Remove sitting %1?</source>
        <translation>Bỏ phiên họp %1?</translation>
    </message>
    <message>
        <source>A sitting with agenda items keeps them: move or remove them first.</source>
        <translation>Phiên họp còn nội dung trong chương trình thì không bỏ được: hãy chuyển hoặc bỏ các nội dung đó trước.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Sitting removed</source>
        <translation>Đã bỏ phiên họp</translation>
    </message>
</context>
<context>
    <name>MeetingNotices</name>
    <message>
        <source>(secret meeting)</source>
        <translation>(cuộc họp mật)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 ngày %2</translation>
    </message>
    <message>
        <source>Meeting invitation: %1, %2</source>
        <translation>Giấy mời họp: %1, %2</translation>
    </message>
    <message>
        <source>Meeting invitation: %1</source>
        <translation>Giấy mời họp: %1</translation>
    </message>
    <message>
        <source>The meeting %1 is postponed: %2</source>
        <translation>Cuộc họp %1 đã hoãn: %2</translation>
    </message>
    <message>
        <source>The meeting %1 is cancelled: %2</source>
        <translation>Cuộc họp %1 đã hủy: %2</translation>
    </message>
    <message>
        <source>The meeting %1 has started</source>
        <translation>Cuộc họp %1 đã bắt đầu</translation>
    </message>
    <message>
        <source>The meeting %1 has ended</source>
        <translation>Cuộc họp %1 đã kết thúc</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Một người</translation>
    </message>
    <message>
        <source>%1 answered: will attend (%2)</source>
        <translation>%1 trả lời: sẽ dự (%2)</translation>
    </message>
    <message>
        <source>%1 answered: absent — %3 (%2)</source>
        <translation>%1 trả lời: vắng — %3 (%2)</translation>
    </message>
    <message>
        <source>%1 answered: sends %4 instead (%2)</source>
        <translation>%1 trả lời: cử %4 dự thay (%2)</translation>
    </message>
    <message>
        <source>%1 answered the invitation (%2)</source>
        <translation>%1 đã trả lời giấy mời (%2)</translation>
    </message>
</context>
<context>
    <name>MeetingPage</name>
    <message>
        <source>◀ Calendar</source>
        <extracomment>The meeting&apos;s states in which its session can be run or joined. The minutes are written during the session and after it. A meeting assigns tasks once it is called, until it is archived (``meetings.tasks``). The comments this user may collect (organisers, the presenting unit). Back to the calendar. A refresh is on screen (tests wait on it). A document was opened in the reader (its id). The agenda item to select once the next refresh is on screen (after an edit).</extracomment>
        <translation>◀ Lịch họp</translation>
    </message>
    <message>
        <source>Back to the calendar (Esc)</source>
        <translation>Về lịch họp (Esc)</translation>
    </message>
    <message>
        <source>Make invitation</source>
        <translation>Tạo giấy mời</translation>
    </message>
    <message>
        <source>Write the invitation as an outgoing draft (type GM)</source>
        <translation>Soạn giấy mời họp thành dự thảo văn bản đi (loại GM)</translation>
    </message>
    <message>
        <source>Attendance cards…</source>
        <translation>Thẻ điểm danh…</translation>
    </message>
    <message>
        <source>Print the participants&apos; cards with their QR passes (needs the server)</source>
        <translation>In thẻ điểm danh có mã QR của người dự họp (cần kết nối máy chủ)</translation>
    </message>
    <message>
        <source>Answer invitation…</source>
        <translation>Trả lời giấy mời…</translation>
    </message>
    <message>
        <source>Will you attend, are you absent, or do you send someone? (Ctrl+Shift+A)</source>
        <translation>Sẽ dự, vắng mặt hay cử người dự thay? (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Edit details…</source>
        <translation>Sửa thông tin…</translation>
    </message>
    <message>
        <source>Title, times, place, chair and secretary, sittings (Ctrl+E)</source>
        <translation>Tên, thời gian, địa điểm, chủ trì và thư ký, các phiên họp (Ctrl+E)</translation>
    </message>
    <message>
        <source>Minutes…</source>
        <extracomment>The session&apos;s window opened last (console or delegate&apos;s view).</extracomment>
        <translation>Biên bản…</translation>
    </message>
    <message>
        <source>Write the minutes from what happened in the session; sign and issue them (Ctrl+Shift+B)</source>
        <translation>Viết biên bản từ diễn biến phiên họp; ký số và ban hành (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <source>Meeting</source>
        <extracomment>The minutes editor opened last.</extracomment>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <source>Start, end, postpone or cancel the meeting</source>
        <translation>Bắt đầu, kết thúc, hoãn hoặc hủy cuộc họp</translation>
    </message>
    <message>
        <source>Read document</source>
        <translation>Đọc tài liệu</translation>
    </message>
    <message>
        <source>Open the selected document (Enter)</source>
        <translation>Mở tài liệu đang chọn (Enter)</translation>
    </message>
    <message>
        <source>Comment…</source>
        <translation>Góp ý…</translation>
    </message>
    <message>
        <source>Write your opinion on the selected draft (Ctrl+K)</source>
        <translation>Góp ý dự thảo đang chọn (Ctrl+K)</translation>
    </message>
    <message>
        <source>Agenda</source>
        <translation>Chương trình họp</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Thành phần</translation>
    </message>
    <message>
        <source>Who has read</source>
        <translation>Tình hình xem tài liệu</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Góp ý</translation>
    </message>
    <message>
        <source>Written opinions</source>
        <translation>Lấy ý kiến</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <source>&lt;b&gt;Time:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Thời gian:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Place:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Địa điểm:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Chair:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Chủ trì:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Secretary:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Thư ký:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;You:&lt;/b&gt; %1, %2</source>
        <translation>&lt;b&gt;Bạn:&lt;/b&gt; %1, %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Notes:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Lưu ý:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 documents: %2 not read, %3 updated</source>
        <translation>%1 tài liệu: %2 chưa xem, %3 đã cập nhật</translation>
    </message>
    <message>
        <source>%1 participants</source>
        <translation>%1 người dự</translation>
    </message>
    <message>
        <source>Downloading the document…</source>
        <translation>Đang tải tài liệu…</translation>
    </message>
    <message>
        <source>Run the session</source>
        <translation>Điều hành phiên họp</translation>
    </message>
    <message>
        <source>The chair&apos;s console: agenda, speakers, attendance, votes, big screen (Ctrl+Shift+L)</source>
        <translation>Bàn điều hành của chủ tọa: chương trình, phát biểu, điểm danh, biểu quyết, màn hình lớn (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <source>Join the session</source>
        <translation>Vào phiên họp</translation>
    </message>
    <message>
        <source>Follow the chair, check in, ask to speak and vote (Ctrl+Shift+J)</source>
        <translation>Theo chủ tọa, điểm danh, đăng ký phát biểu và biểu quyết (Ctrl+Shift+J)</translation>
    </message>
</context>
<context>
    <name>MeetingTasks</name>
    <message>
        <source>Waiting</source>
        <extracomment>The tables these screens show. &quot;Giao nhiệm vụ…&quot; on the meeting page (free in the window: checked against ``eoffice/ui``). The deadline a new task proposes, in working days.</extracomment>
        <translation>Chờ xử lý</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Đã hoàn thành</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả lại</translation>
    </message>
    <message>
        <source>Forwarded for handling</source>
        <translation>Đã chuyển xử lý</translation>
    </message>
    <message>
        <source>Waiting for me</source>
        <translation>Chờ tôi xử lý</translation>
    </message>
    <message>
        <source>I coordinate</source>
        <translation>Tôi phối hợp</translation>
    </message>
    <message>
        <source>Open tasks of meetings I chaired</source>
        <translation>Việc chưa xong của cuộc họp tôi chủ trì</translation>
    </message>
    <message>
        <source>Assigned or forwarded by me</source>
        <translation>Tôi đã giao, đã chuyển xử lý</translation>
    </message>
    <message>
        <source>Completed by me or my unit</source>
        <translation>Đã hoàn thành</translation>
    </message>
    <message>
        <source>%1 waiting · %2 due soon · %3 overdue</source>
        <translation>%1 chờ xử lý · %2 sắp đến hạn · %3 quá hạn</translation>
    </message>
    <message>
        <source>Completed %1/%2 tasks</source>
        <translation>Đã hoàn thành %1/%2 nhiệm vụ</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 quá hạn</translation>
    </message>
    <message>
        <source>Result: %1</source>
        <translation>Kết quả: %1</translation>
    </message>
    <message>
        <source>Returned: %1</source>
        <translation>Đã trả lại: %1</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>quá hạn</translation>
    </message>
    <message>
        <source>Unit: </source>
        <translation>Đơn vị: </translation>
    </message>
    <message>
        <source>Task returned (%1): %2 — %3</source>
        <translation>Nhiệm vụ bị trả lại (%1): %2 — %3</translation>
    </message>
    <message>
        <source>Task completed: %1 — %2</source>
        <translation>Nhiệm vụ đã hoàn thành: %1 — %2</translation>
    </message>
    <message>
        <source>Task assigned to you at the meeting %1 (deadline %2): %3</source>
        <translation>Việc được giao tại cuộc họp %1 (hạn xử lý %2): %3</translation>
    </message>
</context>
<context>
    <name>MeetingTasksPanel</name>
    <message>
        <source>Assign a task…</source>
        <extracomment>A refresh is on screen (tests wait on it).</extracomment>
        <translation>Giao nhiệm vụ…</translation>
    </message>
    <message>
        <source>What, who leads, who coordinates, the deadline in working days (%1)</source>
        <translation>Nội dung, đơn vị chủ trì, phối hợp, hạn xử lý theo ngày làm việc (%1)</translation>
    </message>
    <message>
        <source>No task assigned in this meeting yet.</source>
        <translation>Cuộc họp chưa giao nhiệm vụ nào.</translation>
    </message>
    <message>
        <source>Task assigned</source>
        <translation>Đã giao nhiệm vụ</translation>
    </message>
</context>
<context>
    <name>Meetings</name>
    <message>
        <source>People&apos;s Committee meeting (regular)</source>
        <translation>Phiên họp UBND thường kỳ</translation>
    </message>
    <message>
        <source>People&apos;s Committee meeting (topical)</source>
        <translation>Phiên họp UBND chuyên đề</translation>
    </message>
    <message>
        <source>People&apos;s Council session</source>
        <translation>Kỳ họp HĐND</translation>
    </message>
    <message>
        <source>Briefing</source>
        <translation>Họp giao ban</translation>
    </message>
    <message>
        <source>Agency meeting</source>
        <translation>Họp cơ quan</translation>
    </message>
    <message>
        <source>Conference</source>
        <translation>Hội nghị</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Dự kiến</translation>
    </message>
    <message>
        <source>Invited</source>
        <translation>Đã mời</translation>
    </message>
    <message>
        <source>In session</source>
        <translation>Đang họp</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Đã lưu trữ</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Hoãn</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Thư ký</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Guest</source>
        <translation>Khách mời</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Phục vụ</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Chưa trả lời</translation>
    </message>
    <message>
        <source>Will attend</source>
        <translation>Sẽ tham dự</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Vắng</translation>
    </message>
    <message>
        <source>Sends a substitute</source>
        <translation>Cử người dự thay</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <source>Discussion</source>
        <translation>Thảo luận</translation>
    </message>
    <message>
        <source>Vote</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Chưa xem</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Đã xem</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Đã cập nhật</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>T2</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>T3</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>T4</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>T5</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>T6</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>T7</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>CN</translation>
    </message>
    <message>
        <source>Meetings</source>
        <translation>Họp</translation>
    </message>
    <message>
        <source>Tasks assigned in meetings</source>
        <translation>Việc được giao từ cuộc họp</translation>
    </message>
    <message>
        <source>The tasks meetings gave you or your unit: waiting · due soon · overdue</source>
        <translation>Việc cuộc họp giao cho bạn hoặc đơn vị: chờ xử lý · sắp đến hạn · quá hạn</translation>
    </message>
    <message>
        <source>The meetings&apos; calendar, agendas and documents</source>
        <translation>Lịch họp, chương trình họp và tài liệu họp</translation>
    </message>
    <message>
        <source>New meeting…</source>
        <translation>Cuộc họp mới…</translation>
    </message>
    <message>
        <source>Call a new meeting: title, times, place, chair and secretary</source>
        <translation>Tạo cuộc họp mới: tên, thời gian, địa điểm, chủ trì và thư ký</translation>
    </message>
</context>
<context>
    <name>MinutesEditor</name>
    <message>
        <source>Minutes: %1</source>
        <extracomment>Autosave this long after the last keystroke (ms). A burst of live events asks the record once, this long after the last (ms). (part, label) of each field the secretary writes here, in order.</extracomment>
        <translation>Biên bản: %1</translation>
    </message>
    <message>
        <source>Update from the session</source>
        <extracomment>Every part&apos;s text as written (loaded, then as typed). The section drawn now and its fields; the label of its facts. Where the record was exported last.</extracomment>
        <translation>Cập nhật diễn biến</translation>
    </message>
    <message>
        <source>Read again what happened in the session</source>
        <translation>Đọc lại diễn biến phiên họp từ máy chủ</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>Xem bản in</translation>
    </message>
    <message>
        <source>The minutes as they will print</source>
        <translation>Biên bản như khi in ra</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Xuất PDF…</translation>
    </message>
    <message>
        <source>Save the minutes as PDF</source>
        <translation>Lưu biên bản thành tệp PDF</translation>
    </message>
    <message>
        <source>Export Word…</source>
        <translation>Xuất Word…</translation>
    </message>
    <message>
        <source>Save the minutes as a Word document</source>
        <translation>Lưu biên bản thành tệp Word</translation>
    </message>
    <message>
        <source>Make the minutes&apos; draft</source>
        <translation>Tạo dự thảo biên bản</translation>
    </message>
    <message>
        <source>The minutes as an outgoing draft (type BB): the secretary signs, then the chair</source>
        <translation>Biên bản thành dự thảo văn bản đi (loại BB): thư ký ký số trước, chủ tọa ký sau</translation>
    </message>
    <message>
        <source>Make the conclusions notice</source>
        <translation>Tạo thông báo kết luận</translation>
    </message>
    <message>
        <source>The items&apos; conclusions as a notice (type TB) in the outgoing flow</source>
        <translation>Kết luận các nội dung thành dự thảo thông báo (loại TB) trong luồng văn bản đi</translation>
    </message>
    <message>
        <source>Export the record…</source>
        <translation>Lưu hồ sơ…</translation>
    </message>
    <message>
        <source>The closed meeting&apos;s whole record for the archive: one PDF with bookmarks and a ZIP of the originals</source>
        <translation>Toàn bộ hồ sơ cuộc họp đã bế mạc để lưu trữ: một tệp PDF có mục lục và một tệp ZIP các bản gốc</translation>
    </message>
    <message>
        <source>Assign a task…</source>
        <translation>Giao nhiệm vụ…</translation>
    </message>
    <message>
        <source>A task from the item shown: what, who leads, who coordinates, the deadline in working days</source>
        <translation>Giao nhiệm vụ theo nội dung đang xem: nội dung, đơn vị chủ trì, phối hợp, hạn xử lý theo ngày làm việc</translation>
    </message>
    <message>
        <source>Save</source>
        <extracomment>The &quot;Giao nhiệm vụ&quot; dialog opened last.</extracomment>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Save what was written now</source>
        <translation>Lưu ngay nội dung đã viết</translation>
    </message>
    <message>
        <source>Task assigned</source>
        <translation>Đã giao nhiệm vụ</translation>
    </message>
    <message>
        <source>the copy on this computer</source>
        <translation>bản đã lưu trên máy này</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>chưa có gì</translation>
    </message>
    <message>
        <source>Could not read the session from the server (%1); showing %2.</source>
        <translation>Không đọc được diễn biến phiên họp từ máy chủ (%1); đang hiển thị %2.</translation>
    </message>
    <message>
        <source>Attendance and opening</source>
        <translation>Thành phần, mở đầu</translation>
    </message>
    <message>
        <source>Opening (after “Nội dung”)</source>
        <translation>Mở đầu (sau mục “Nội dung”)</translation>
    </message>
    <message>
        <source>Invited guests (leave empty to list those present)</source>
        <translation>Khách mời (để trống: liệt kê khách mời có mặt)</translation>
    </message>
    <message>
        <source>Presented by (leave empty for the agenda&apos;s presenter)</source>
        <translation>Người trình bày (để trống: người trình bày theo chương trình)</translation>
    </message>
    <message>
        <source>Summary: %1 (%2)</source>
        <translation>Tóm tắt ý kiến: %1 (%2)</translation>
    </message>
    <message>
        <source>Summary of the discussion</source>
        <translation>Tóm tắt thảo luận</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Kết luận</translation>
    </message>
    <message>
        <source>End and recipients</source>
        <translation>Kết thúc, nơi nhận</translation>
    </message>
    <message>
        <source>Closing line (before the end time)</source>
        <translation>Đoạn kết (trước giờ kết thúc)</translation>
    </message>
    <message>
        <source>Recipients (Nơi nhận), one per line</source>
        <translation>Nơi nhận, mỗi dòng một nơi</translation>
    </message>
    <message>
        <source>The session&apos;s record has not reached this computer yet.</source>
        <translation>Diễn biến phiên họp chưa về máy này.</translation>
    </message>
    <message>
        <source>The session is under way: what happens is added as it happens.</source>
        <translation>Phiên họp đang diễn ra: diễn biến được bổ sung ngay khi xảy ra.</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Chưa lưu</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <source>Saved at %1</source>
        <translation>Đã lưu lúc %1</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Chưa lưu được</translation>
    </message>
    <message>
        <source>Export the minutes</source>
        <translation>Xuất biên bản</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation>Word (*.docx)</translation>
    </message>
    <message>
        <source>Minutes exported to %1</source>
        <translation>Đã xuất biên bản: %1</translation>
    </message>
    <message>
        <source>Export the record</source>
        <translation>Lưu hồ sơ cuộc họp</translation>
    </message>
    <message>
        <source>Exporting the meeting&apos;s record…</source>
        <translation>Đang xuất hồ sơ cuộc họp…</translation>
    </message>
    <message>
        <source>The meeting&apos;s record was exported to %1</source>
        <translation>Đã xuất hồ sơ cuộc họp vào %1</translation>
    </message>
    <message>
        <source>Minutes&apos; draft made; see Outgoing documents / My drafts</source>
        <translation>Đã tạo dự thảo biên bản; xem Văn bản đi / Dự thảo của tôi</translation>
    </message>
    <message>
        <source>Conclusions notice drafted; see Outgoing documents / My drafts</source>
        <translation>Đã tạo dự thảo thông báo kết luận; xem Văn bản đi / Dự thảo của tôi</translation>
    </message>
</context>
<context>
    <name>MonthModel</name>
    <message>
        <source>+%1 more</source>
        <translation>+%1 cuộc họp khác</translation>
    </message>
</context>
<context>
    <name>Notifications</name>
    <message>
        <source>(secret document)</source>
        <extracomment>How many notifications the list keeps (older ones drop off).</extracomment>
        <translation>(văn bản mật)</translation>
    </message>
    <message>
        <source>New assignment from %1: %2</source>
        <extracomment>A capability&apos;s words for its own live events: ``(kind, payload) -&gt; Notification``.</extracomment>
        <translation>%1 giao việc mới: %2</translation>
    </message>
    <message>
        <source>%1 returned an assignment: %2</source>
        <translation>%1 trả lại việc được giao: %2</translation>
    </message>
    <message>
        <source>%1 returned a document: %2</source>
        <translation>%1 trả lại văn bản: %2</translation>
    </message>
    <message>
        <source>%1 submitted a draft for your approval: %2</source>
        <translation>%1 trình dự thảo chờ bạn duyệt: %2</translation>
    </message>
    <message>
        <source>%1 named you to sign a draft before the leader: %2</source>
        <translation>%1 đề nghị bạn ký số dự thảo trước lãnh đạo: %2</translation>
    </message>
    <message>
        <source>%1 signed a draft before you; it awaits your signature: %2</source>
        <translation>%1 đã ký số dự thảo trước bạn, chờ bạn ký: %2</translation>
    </message>
    <message>
        <source>%1 returned your draft: %2</source>
        <translation>%1 trả lại dự thảo của bạn: %2</translation>
    </message>
    <message>
        <source>%1 approved your draft: %2</source>
        <translation>%1 đã duyệt dự thảo của bạn: %2</translation>
    </message>
    <message>
        <source>%1 issued your document: %2</source>
        <translation>%1 đã ban hành văn bản của bạn: %2</translation>
    </message>
    <message>
        <source>A document arrived from another organisation: %2</source>
        <translation>Có văn bản đến từ cơ quan khác: %2</translation>
    </message>
    <message>
        <source>%1 approved a document, to number and issue: %2</source>
        <translation>%1 đã duyệt văn bản, chờ cấp số và ban hành: %2</translation>
    </message>
    <message>
        <source>%1 asks for a deadline extension: %2</source>
        <translation>%1 xin gia hạn xử lý: %2</translation>
    </message>
    <message>
        <source>%1 approved your deadline extension: %2</source>
        <translation>%1 đã duyệt gia hạn xử lý: %2</translation>
    </message>
    <message>
        <source>%1 refused your deadline extension: %2</source>
        <translation>%1 không đồng ý gia hạn xử lý: %2</translation>
    </message>
    <message>
        <source>%1 signed and approved a document, to number and seal: %2</source>
        <translation>%1 đã ký số và duyệt văn bản, chờ cấp số và đóng dấu: %2</translation>
    </message>
    <message>
        <source>%1 signed and approved your draft: %2</source>
        <translation>%1 đã ký số và duyệt dự thảo của bạn: %2</translation>
    </message>
    <message>
        <source>Update: %2</source>
        <translation>Cập nhật: %2</translation>
    </message>
    <message>
        <source>Someone</source>
        <translation>Một người</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>lý do: %1</translation>
    </message>
    <message>
        <source>The server refused an action: %1</source>
        <translation>Máy chủ từ chối một thao tác: %1</translation>
    </message>
    <message>
        <source>Arrival number %1 was given.</source>
        <translation>Văn bản đã được cấp số đến %1.</translation>
    </message>
    <message>
        <source>The server checked and accepted the signed file.</source>
        <translation>Máy chủ đã kiểm tra và chấp nhận tệp đã ký số.</translation>
    </message>
    <message>
        <source>Number %1 was given; the document is issued once sealed.</source>
        <translation>Văn bản đã được cấp số %1; văn bản được ban hành khi đóng dấu (ký số của cơ quan).</translation>
    </message>
    <message>
        <source>The document was issued as %1.</source>
        <translation>Văn bản đã được ban hành với số %1.</translation>
    </message>
    <message>
        <source>%1 sent a draft for your review: %2</source>
        <translation>%1 trình dự thảo chờ bạn cho ý kiến: %2</translation>
    </message>
    <message>
        <source>comment: %1</source>
        <translation>ý kiến: %1</translation>
    </message>
    <message>
        <source>%1 delegated their waiting documents to you: %2</source>
        <translation>%1 ủy quyền cho bạn xử lý thay: %2</translation>
    </message>
</context>
<context>
    <name>NotificationsDialog</name>
    <message>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>No notifications yet.</source>
        <translation>Chưa có thông báo nào.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>Opinions</name>
    <message>
        <source>Agree</source>
        <extracomment>The tables this tab shows (the section refreshes on their changes). How often the reminders are looked at again (a deadline comes without any change).</extracomment>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Disagree</source>
        <translation>Không đồng ý</translation>
    </message>
    <message>
        <source>Other opinion</source>
        <translation>Ý kiến khác</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>Chưa trả lời</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <source>Past the deadline</source>
        <translation>Đã hết hạn</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Đang lấy ý kiến</translation>
    </message>
    <message>
        <source>Written opinion poll due %1, not yet answered: %2</source>
        <extracomment>A look at the reminders is done (tests wait on it).</extracomment>
        <translation>Phiếu lấy ý kiến hết hạn lúc %1, bạn chưa trả lời: %2</translation>
    </message>
    <message>
        <source>Written opinion poll overdue since %1, not answered: %2</source>
        <translation>Phiếu lấy ý kiến đã quá hạn (%1), bạn chưa trả lời: %2</translation>
    </message>
    <message>
        <source>Written opinion poll past its deadline (%1), %3 not answered: close it and publish the result: %2</source>
        <translation>Phiếu lấy ý kiến đã hết hạn (%1), còn %3 thành viên chưa trả lời; hãy kết thúc và công bố kết quả: %2</translation>
    </message>
    <message>
        <source>Written opinion poll closed: %1 — %2</source>
        <translation>Đã có kết quả lấy ý kiến: %1 — %2</translation>
    </message>
    <message>
        <source>Your written opinion is asked, by %1: %2</source>
        <translation>Xin ý kiến của bạn bằng văn bản, hạn trả lời %1: %2</translation>
    </message>
</context>
<context>
    <name>OpinionsPanel</name>
    <message>
        <source>Send written opinion poll…</source>
        <extracomment>A refresh is on screen (tests wait on it). The result&apos;s PDF was written (its path). The e-card dialog is open (tests drive it).</extracomment>
        <translation>Gửi phiếu lấy ý kiến…</translation>
    </message>
    <message>
        <source>Ask the members in writing, with documents and a deadline</source>
        <translation>Lấy ý kiến thành viên bằng văn bản, kèm tài liệu và hạn trả lời</translation>
    </message>
    <message>
        <source>Answer…</source>
        <translation>Trả lời…</translation>
    </message>
    <message>
        <source>Agree, disagree or give another opinion (Enter)</source>
        <translation>Đồng ý, không đồng ý hoặc ý kiến khác (Enter)</translation>
    </message>
    <message>
        <source>Close and publish result</source>
        <translation>Kết thúc và công bố kết quả</translation>
    </message>
    <message>
        <source>No more answers; the members receive the result</source>
        <translation>Không nhận thêm ý kiến; thành viên nhận được kết quả</translation>
    </message>
    <message>
        <source>Export result (PDF)…</source>
        <translation>Xuất kết quả (PDF)…</translation>
    </message>
    <message>
        <source>No written opinion poll for this meeting yet.</source>
        <translation>Cuộc họp chưa có phiếu lấy ý kiến nào.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Question:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Nội dung xin ý kiến:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deadline:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Hạn trả lời:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Decided by:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Quy tắc kết luận:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Documents:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Văn bản kèm theo:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Your answer:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;Ý kiến của bạn:&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>The result is published when the poll closes.</source>
        <translation>Kết quả được công bố khi kết thúc lấy ý kiến.</translation>
    </message>
    <message>
        <source>%1 of %2 members answered. Result: %3 (at least %4 in agreement needed)</source>
        <translation>%1/%2 thành viên đã trả lời. Kết quả: %3 (cần ít nhất %4 ý kiến đồng ý)</translation>
    </message>
    <message>
        <source>provisional</source>
        <translation>tạm tính</translation>
    </message>
    <message>
        <source>Written opinion poll sent</source>
        <translation>Đã gửi phiếu lấy ý kiến</translation>
    </message>
    <message>
        <source>Answer sent</source>
        <translation>Đã gửi ý kiến</translation>
    </message>
    <message>
        <source>The poll closes when the server receives it</source>
        <translation>Phiếu lấy ý kiến sẽ kết thúc khi máy chủ nhận được thao tác</translation>
    </message>
    <message>
        <source>Poll closed; the result is published</source>
        <translation>Đã kết thúc lấy ý kiến và công bố kết quả</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Xuất kết quả</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Result exported: %1</source>
        <translation>Đã xuất kết quả: %1</translation>
    </message>
</context>
<context>
    <name>Papers</name>
    <message>
        <source>Invitation draft made; see Outgoing documents / My drafts</source>
        <translation>Đã tạo dự thảo giấy mời; xem trong Văn bản đi / Dự thảo của tôi</translation>
    </message>
    <message>
        <source>Save the attendance cards</source>
        <translation>Lưu thẻ điểm danh</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>%1 attendance cards saved to %2</source>
        <translation>Đã lưu %1 thẻ điểm danh vào %2</translation>
    </message>
</context>
<context>
    <name>Participants</name>
    <message>
        <source>%1 will attend, %2 absent, %3 send a substitute, %4 not answered</source>
        <extracomment>Who votes by default (guests and staff never do).</extracomment>
        <translation>%1 sẽ dự, %2 vắng, %3 cử người thay, %4 chưa trả lời</translation>
    </message>
</context>
<context>
    <name>ParticipantsEditor</name>
    <message>
        <source>Add participants…</source>
        <translation>Thêm người dự họp…</translation>
    </message>
    <message>
        <source>Add people from the province to the meeting (Insert)</source>
        <translation>Thêm người dự họp từ các cơ quan trong tỉnh (Insert)</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>Đổi vai trò…</translation>
    </message>
    <message>
        <source>Change the selected participant&apos;s role or vote (F2)</source>
        <translation>Đổi vai trò hoặc quyền biểu quyết của người đang chọn (F2)</translation>
    </message>
    <message>
        <source>Remove participant</source>
        <translation>Bỏ người dự họp</translation>
    </message>
    <message>
        <source>Remove the selected participant (Delete)</source>
        <translation>Bỏ người dự họp đang chọn (Delete)</translation>
    </message>
    <message>
        <source>Record answer…</source>
        <translation>Ghi câu trả lời…</translation>
    </message>
    <message>
        <source>Note the selected participant&apos;s answer, given by phone (Ctrl+R)</source>
        <translation>Ghi câu trả lời của người đang chọn, báo qua điện thoại (Ctrl+R)</translation>
    </message>
    <message>
        <source>Mark as invited</source>
        <translation>Chuyển sang đã mời</translation>
    </message>
    <message>
        <source>The invitations went out another way: the meeting is scheduled</source>
        <translation>Giấy mời đã gửi theo cách khác: chuyển cuộc họp sang trạng thái đã mời</translation>
    </message>
    <message>
        <source>Start meeting</source>
        <translation>Bắt đầu họp</translation>
    </message>
    <message>
        <source>End meeting</source>
        <translation>Kết thúc họp</translation>
    </message>
    <message>
        <source>Postpone meeting…</source>
        <translation>Hoãn họp…</translation>
    </message>
    <message>
        <source>Cancel meeting…</source>
        <translation>Hủy họp…</translation>
    </message>
    <message>
        <source>%1 participants added</source>
        <translation>Đã thêm %1 người dự họp</translation>
    </message>
    <message>
        <source>Role changed: %1</source>
        <translation>Đã đổi vai trò: %1</translation>
    </message>
    <message>
        <source>Remove %1 from the meeting?</source>
        <translation>Bỏ %1 khỏi cuộc họp?</translation>
    </message>
    <message>
        <source>They no longer see the meeting or its documents.</source>
        <translation>Người này sẽ không còn thấy cuộc họp và tài liệu họp.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Participant removed: %1</source>
        <translation>Đã bỏ người dự họp: %1</translation>
    </message>
    <message>
        <source>Answer sent</source>
        <translation>Đã gửi trả lời</translation>
    </message>
    <message>
        <source>Postpone meeting</source>
        <translation>Hoãn họp</translation>
    </message>
    <message>
        <source>Why is the meeting postponed? Every participant is told.</source>
        <translation>Lý do hoãn họp? Lý do được gửi tới mọi người dự họp.</translation>
    </message>
    <message>
        <source>Cancel meeting</source>
        <translation>Hủy họp</translation>
    </message>
    <message>
        <source>Why is the meeting cancelled? Every participant is told.</source>
        <translation>Lý do hủy họp? Lý do được gửi tới mọi người dự họp.</translation>
    </message>
    <message>
        <source>Postpone</source>
        <translation>Hoãn họp</translation>
    </message>
    <message>
        <source>Cancel the meeting</source>
        <translation>Hủy cuộc họp</translation>
    </message>
    <message>
        <source>Needs the server</source>
        <translation>Cần kết nối máy chủ</translation>
    </message>
    <message>
        <source>Meeting state changed</source>
        <translation>Đã đổi trạng thái cuộc họp</translation>
    </message>
</context>
<context>
    <name>ParticipantsModel</name>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <source>Reason / substitute</source>
        <translation>Lý do / người dự thay</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Thời điểm trả lời</translation>
    </message>
</context>
<context>
    <name>PassReviewDialog</name>
    <message>
        <source>Pass on for signature</source>
        <translation>Chuyển lãnh đạo ký</translation>
    </message>
    <message>
        <source>Your opinion for the leader (optional)</source>
        <translation>Ý kiến của bạn gửi lãnh đạo (không bắt buộc)</translation>
    </message>
    <message>
        <source>Leader who signs</source>
        <translation>Lãnh đạo ký</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Pass on</source>
        <translation>Chuyển lãnh đạo ký</translation>
    </message>
    <message>
        <source>Choose the leader who signs.</source>
        <translation>Hãy chọn lãnh đạo ký duyệt.</translation>
    </message>
</context>
<context>
    <name>PdfPrinting</name>
    <message>
        <source>Print</source>
        <extracomment>Kept between prints: the printer and options chosen last time are proposed again.</extracomment>
        <translation>In</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <source>The printer cannot be used now; check that it is on and connected, then try again.</source>
        <translation>Chưa in được: hãy kiểm tra máy in đã bật và đã kết nối, rồi thử lại.</translation>
    </message>
    <message>
        <source>Printing stopped.</source>
        <translation>Đã dừng in.</translation>
    </message>
    <message>
        <source>%1 page(s) printed to the file %2.</source>
        <translation>Đã in %1 trang ra tệp %2.</translation>
    </message>
    <message>
        <source>%1 page(s) sent to the printer.</source>
        <translation>Đã gửi %1 trang đến máy in.</translation>
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
        <translation>Mở thư mục</translation>
    </message>
    <message>
        <source>The file cannot be opened: it is missing or not a PDF.</source>
        <translation>Không mở được tệp: tệp không còn hoặc không phải tệp PDF.</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>Xem văn bản</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>Lưu bản sao…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Thu nhỏ</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Phóng to</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Vừa chiều rộng</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Kết quả sau</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Kết quả trước</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Find in the text (Ctrl+F)</source>
        <translation>Tìm trong văn bản (Ctrl+F)</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>searching…</source>
        <translation>đang tìm…</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>không tìm thấy</translation>
    </message>
    <message>
        <source>Save a copy of the document</source>
        <translation>Lưu bản sao văn bản</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The copy could not be saved there (the folder may be read-only or full).</source>
        <translation>Không lưu được bản sao vào đó (thư mục có thể không cho ghi hoặc đã đầy).</translation>
    </message>
    <message>
        <source>Copy saved: %1</source>
        <translation>Đã lưu bản sao: %1</translation>
    </message>
</context>
<context>
    <name>PendingDialog</name>
    <message>
        <source>Waiting to be sent</source>
        <translation>Chờ gửi lên máy chủ</translation>
    </message>
    <message>
        <source>These actions are done on this computer and will be sent to the server as soon as it can be reached. Nothing needs to be done again.</source>
        <translation>Các thao tác này đã được thực hiện trên máy này và sẽ được gửi lên máy chủ ngay khi kết nối được. Không cần làm lại.</translation>
    </message>
    <message>
        <source>Everything has been sent.</source>
        <translation>Mọi thao tác đã được gửi.</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>Mở văn bản</translation>
    </message>
    <message>
        <source>Send now</source>
        <translation>Gửi ngay</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>PendingModel</name>
    <message>
        <source>Made at</source>
        <translation>Thời điểm</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <source>Person</source>
        <translation>Người</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Week total</source>
        <translation>Cả tuần</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Số việc</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Đã duyệt</translation>
    </message>
    <message>
        <source>Not approved</source>
        <translation>Chưa duyệt</translation>
    </message>
    <message>
        <source>%1 to settle</source>
        <translation>%1 mục chờ chọn</translation>
    </message>
</context>
<context>
    <name>PeoplePicker</name>
    <message>
        <source>Add participants</source>
        <translation>Thêm người dự họp</translation>
    </message>
    <message>
        <source>Search by name, unit or organisation</source>
        <translation>Tìm theo tên, đơn vị hoặc cơ quan</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Cơ quan</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>%1 chosen</source>
        <translation>Đã chọn %1 người</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>E-card PIN</source>
        <translation>Mã PIN thẻ ký số</translation>
    </message>
    <message>
        <source>E-card: %1</source>
        <translation>Thẻ ký số: %1</translation>
    </message>
    <message>
        <source>Certificate PIN</source>
        <translation>Mã PIN chứng thư số</translation>
    </message>
    <message>
        <source>Certificate of %1</source>
        <translation>Chứng thư số của %1</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <source>I know that one wrong PIN more locks the e-card</source>
        <translation>Tôi biết nếu nhập sai thêm một lần, thẻ sẽ bị khóa</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>The PIN of this e-card is locked. Ask the certificate provider to unlock it.</source>
        <translation>Thẻ ký số này đã bị khóa mã PIN. Hãy liên hệ tổ chức cung cấp chứng thư số để mở khóa.</translation>
    </message>
    <message>
        <source>Only ONE try is left: a wrong PIN now locks the e-card.</source>
        <translation>Chỉ còn MỘT lần nhập: nhập sai lần này thẻ sẽ bị khóa.</translation>
    </message>
    <message>
        <source>A wrong PIN was typed before: fewer tries are left.</source>
        <translation>Lần trước đã nhập sai mã PIN: số lần nhập còn lại đã giảm.</translation>
    </message>
    <message>
        <source>Type the PIN on the reader&apos;s keypad.</source>
        <translation>Hãy nhập mã PIN trên bàn phím của đầu đọc thẻ.</translation>
    </message>
</context>
<context>
    <name>Pkcs11ModulesWidget</name>
    <message>
        <source>Add module…</source>
        <translation>Thêm thư viện…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>Find e-cards</source>
        <translation>Tìm thẻ ký số</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Timestamp server (RFC 3161)</source>
        <translation>Máy chủ dấu thời gian (RFC 3161)</translation>
    </message>
    <message>
        <source>PKCS#11 modules of the e-card and USB token drivers on this computer</source>
        <translation>Phần mềm của thẻ ký số, USB ký số trên máy tính này</translation>
    </message>
    <message>
        <source>PKCS#11 module</source>
        <translation>Phần mềm thẻ ký số</translation>
    </message>
    <message>
        <source>Libraries (*.so *.so.* *.dll *.dylib)</source>
        <translation>Thư viện (*.so *.so.* *.dll *.dylib)</translation>
    </message>
    <message>
        <source>%1 (not installed)</source>
        <translation>%1 (chưa cài đặt)</translation>
    </message>
    <message>
        <source>Looking for e-cards…</source>
        <translation>Đang tìm thẻ ký số…</translation>
    </message>
    <message>
        <source>No e-card found in these modules.</source>
        <translation>Không tìm thấy thẻ ký số nào qua các thư viện này.</translation>
    </message>
    <message>
        <source>E-cards found: %1</source>
        <translation>Thẻ ký số tìm thấy: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
</context>
<context>
    <name>PollsModel</name>
    <message>
        <source>Question</source>
        <translation>Nội dung xin ý kiến</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Hạn trả lời</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>My answer</source>
        <translation>Ý kiến của tôi</translation>
    </message>
</context>
<context>
    <name>PrintRegisterDialog</name>
    <message>
        <source>Print register</source>
        <extracomment>The boxes whose documents are outgoing: printing from them proposes the outgoing register.</extracomment>
        <translation>In sổ đăng ký</translation>
    </message>
    <message>
        <source>Follow-up register (incoming)</source>
        <extracomment>The register holds what this user may see, and names them (``printing.registers``).</extracomment>
        <translation>Sổ theo dõi giải quyết văn bản đến</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Sổ</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <source>View and save</source>
        <translation>Xem và lưu</translation>
    </message>
    <message>
        <source>Write the register as a PDF file and show it</source>
        <translation>Xuất sổ ra tệp PDF và mở xem</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <source>Choose a printer and print the register</source>
        <translation>Chọn máy in và in sổ</translation>
    </message>
    <message>
        <source>The register was saved as %1</source>
        <translation>Đã xuất sổ ra tệp %1</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>Ngày kết thúc trước ngày bắt đầu.</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <source>Signature and seal images</source>
        <extracomment>An image was saved (tests wait on it).</extracomment>
        <translation>Hình chữ ký và con dấu</translation>
    </message>
    <message>
        <source>My signature image (blue, transparent background)</source>
        <translation>Hình chữ ký của tôi (màu xanh, nền trong suốt)</translation>
    </message>
    <message>
        <source>Seal image of %1 (red, transparent, real size at its dpi)</source>
        <translation>Hình con dấu của %1 (màu đỏ, nền trong suốt, đúng kích thước thật theo độ phân giải)</translation>
    </message>
    <message>
        <source>The images appear on the documents you sign. They are kept with your account and follow you to every computer you sign in on.</source>
        <translation>Các hình này hiện trên văn bản bạn ký số. Chúng được lưu cùng tài khoản và theo bạn đến mọi máy tính bạn đăng nhập.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Choose image</source>
        <extracomment>Asks for a PNG; replaced in tests, where no file dialog can be clicked.</extracomment>
        <translation>Chọn ảnh</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Đã lưu.</translation>
    </message>
</context>
<context>
    <name>QuorumBanner</name>
    <message>
        <source>Quorum holds</source>
        <translation>Đủ số lượng</translation>
    </message>
    <message>
        <source>No quorum</source>
        <translation>Không đủ số lượng</translation>
    </message>
</context>
<context>
    <name>ReaderNotes</name>
    <message>
        <source>Notes</source>
        <extracomment>The notes on screen changed (after loading or an operation came back). Notes drawn here whose ``AddNote`` is not applied yet, and notes whose ``DeleteNote`` is on its way: a reload read meanwhile must not undo what is on screen.</extracomment>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Chọn</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>Tô sáng</translation>
    </message>
    <message>
        <source>Pen</source>
        <translation>Bút vẽ</translation>
    </message>
    <message>
        <source>Text note</source>
        <translation>Ghi chú chữ</translation>
    </message>
    <message>
        <source>Colour of new notes</source>
        <translation>Màu của ghi chú mới</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>Vàng</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Xanh lá</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Xanh dương</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>Hồng</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>Đỏ</translation>
    </message>
    <message>
        <source>Undo last note</source>
        <translation>Hoàn tác ghi chú vừa tạo</translation>
    </message>
    <message>
        <source>Delete note</source>
        <translation>Xóa ghi chú</translation>
    </message>
    <message>
        <source>Export with my notes…</source>
        <translation>Xuất kèm ghi chú của tôi…</translation>
    </message>
    <message>
        <source>My notes</source>
        <translation>Ghi chú của tôi</translation>
    </message>
    <message>
        <source>Only you can see these notes.</source>
        <translation>Chỉ mình bạn xem được các ghi chú này.</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Trang</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <source>On this version (%1)</source>
        <translation>Trên phiên bản này (%1)</translation>
    </message>
    <message>
        <source>Notes on older versions</source>
        <translation>Ghi chú trên phiên bản cũ</translation>
    </message>
    <message>
        <source>Notes on other versions</source>
        <translation>Ghi chú trên phiên bản khác</translation>
    </message>
    <message>
        <source>v%1, p. %2</source>
        <translation>v%1, tr. %2</translation>
    </message>
    <message>
        <source>Export with my notes</source>
        <translation>Xuất kèm ghi chú của tôi</translation>
    </message>
    <message>
        <source> (my notes)</source>
        <translation> (ghi chú của tôi)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exported with your notes: %1</source>
        <translation>Đã xuất kèm ghi chú: %1</translation>
    </message>
    <message>
        <source>The file could not be written there (the folder may be read-only or full).</source>
        <translation>Không ghi được tệp vào đó (thư mục có thể chỉ đọc hoặc đã đầy).</translation>
    </message>
    <message>
        <source>The document was updated (version %1, %2 pages; before: %3 pages).</source>
        <translation>Tài liệu đã được cập nhật (phiên bản %1, %2 trang; trước: %3 trang).</translation>
    </message>
    <message>
        <source>Open version %1</source>
        <translation>Mở phiên bản %1</translation>
    </message>
    <message>
        <source>This version is not downloaded to this computer yet; it downloads with the meeting&apos;s files when online.</source>
        <translation>Phiên bản này chưa tải về máy; sẽ được tải cùng tài liệu họp khi có kết nối.</translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation>%1 (phiên bản %2)</translation>
    </message>
</context>
<context>
    <name>ReadersModel</name>
    <message>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Trả lời</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Xem lần đầu</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Chưa xem</translation>
    </message>
</context>
<context>
    <name>ReadingModel</name>
    <message>
        <source>Document</source>
        <translation>Tài liệu</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Đã xem</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Chưa xem</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>RegisterIncomingDialog</name>
    <message>
        <source>Register incoming document</source>
        <translation>Vào sổ văn bản đến</translation>
    </message>
    <message>
        <source>No file yet.</source>
        <extracomment>The received PDF&apos;s signatures, verified off the GUI thread against the trusted roots.</extracomment>
        <translation>Chưa có tệp.</translation>
    </message>
    <message>
        <source>has a deadline</source>
        <translation>có hạn</translation>
    </message>
    <message>
        <source>PDF files</source>
        <translation>Tệp PDF</translation>
    </message>
    <message>
        <source>Digital signatures</source>
        <translation>Chữ ký số</translation>
    </message>
    <message>
        <source>Reason to return</source>
        <translation>Lý do trả lại</translation>
    </message>
    <message>
        <source>Issuing organ</source>
        <translation>Cơ quan ban hành</translation>
    </message>
    <message>
        <source>Organ identifier</source>
        <translation>Mã định danh cơ quan</translation>
    </message>
    <message>
        <source>Number / notation</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Issued date</source>
        <translation>Ngày ban hành</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại văn bản</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
    <message>
        <source>Signer&apos;s position</source>
        <translation>Chức vụ người ký</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Độ khẩn</translation>
    </message>
    <message>
        <source>Secrecy</source>
        <translation>Độ mật</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <source>Receiving unit / person</source>
        <translation>Đơn vị, người nhận</translation>
    </message>
    <message>
        <source>Arrival date</source>
        <translation>Ngày đến</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Vào sổ</translation>
    </message>
    <message>
        <source>Register and return</source>
        <translation>Vào sổ và trả lại</translation>
    </message>
    <message>
        <source>The document is entered in the register (it arrived) and returned to the sender with the reason.</source>
        <translation>Văn bản được vào sổ (đã đến) và trả lại nơi gửi kèm lý do.</translation>
    </message>
    <message>
        <source>Checking the digital signatures…</source>
        <translation>Đang kiểm tra chữ ký số…</translation>
    </message>
    <message>
        <source>The signatures cannot be read: the file may not be a PDF.</source>
        <translation>Không đọc được chữ ký số: tệp có thể không phải PDF.</translation>
    </message>
    <message>
        <source>The file carries no digital signature (a paper scan, or not signed).</source>
        <translation>Tệp không có chữ ký số (bản quét văn bản giấy, hoặc chưa được ký).</translation>
    </message>
    <message>
        <source>Valid: %1 signature(s), signed by %2.</source>
        <translation>Hợp lệ: %1 chữ ký số, ký bởi %2.</translation>
    </message>
    <message>
        <source>UNTRUSTED</source>
        <translation>KHÔNG TIN CẬY</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>KHÔNG hợp lệ</translation>
    </message>
    <message>
        <source>%1: signed by %2. %3</source>
        <translation>%1: ký bởi %2. %3</translation>
    </message>
    <message>
        <source>Write the reason to return the document.</source>
        <translation>Hãy ghi lý do trả lại văn bản.</translation>
    </message>
    <message>
        <source>Add the document&apos;s PDF file (choose it or drop it here).</source>
        <translation>Cần có tệp PDF của văn bản (chọn tệp hoặc kéo thả vào đây).</translation>
    </message>
    <message>
        <source>Possible duplicate</source>
        <translation>Có thể trùng văn bản</translation>
    </message>
    <message>
        <source>Register it anyway?</source>
        <translation>Vẫn vào sổ văn bản này?</translation>
    </message>
    <message>
        <source>Register anyway</source>
        <translation>Vẫn vào sổ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>RegisterPicker</name>
    <message>
        <source>Add a document from the registers</source>
        <translation>Thêm văn bản trong sổ</translation>
    </message>
    <message>
        <source>Number, subject or words of the text — Enter to search</source>
        <translation>Số, trích yếu hoặc từ trong nội dung — Enter để tìm</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số, ký hiệu</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Trích yếu</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <source>Refused by the server</source>
        <translation>Bị máy chủ từ chối</translation>
    </message>
    <message>
        <source>These actions were not accepted by the server and were undone on this computer.</source>
        <translation>Các thao tác dưới đây không được máy chủ chấp nhận và đã được hoàn lại trên máy này.</translation>
    </message>
    <message>
        <source>Open document</source>
        <translation>Mở văn bản</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Đã xem</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>RejectedModel</name>
    <message>
        <source>Action</source>
        <translation>Thao tác</translation>
    </message>
    <message>
        <source>Why the server refused it</source>
        <translation>Lý do máy chủ từ chối</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Diary report</source>
        <translation>Báo cáo nhật ký công việc</translation>
    </message>
    <message>
        <source>Weekly report</source>
        <translation>Báo cáo tuần</translation>
    </message>
    <message>
        <source>Monthly report</source>
        <translation>Báo cáo tháng</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>Đơn vị: %1</translation>
    </message>
    <message>
        <source>Word (DOCX)</source>
        <translation>Word (DOCX)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Week or month of</source>
        <translation>Tuần hoặc tháng của ngày</translation>
    </message>
    <message>
        <source>Whose work</source>
        <translation>Công việc của</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Định dạng</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Lưu thành</translation>
    </message>
    <message>
        <source>Write report</source>
        <translation>Xuất báo cáo</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Lưu báo cáo thành</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>Hãy chọn nơi lưu báo cáo.</translation>
    </message>
</context>
<context>
    <name>RequestExtensionDialog</name>
    <message>
        <source>Ask for a deadline extension</source>
        <translation>Xin gia hạn xử lý</translation>
    </message>
    <message>
        <source>none</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>Assignment</source>
        <translation>Việc được giao</translation>
    </message>
    <message>
        <source>Current deadline</source>
        <translation>Hạn xử lý hiện tại</translation>
    </message>
    <message>
        <source>New deadline</source>
        <translation>Hạn xử lý mới</translation>
    </message>
    <message>
        <source>Why more time is needed</source>
        <translation>Vì sao cần thêm thời gian</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Xin gia hạn</translation>
    </message>
    <message>
        <source>The new deadline cannot be in the past.</source>
        <translation>Hạn xử lý mới không được trước hôm nay.</translation>
    </message>
    <message>
        <source>The new deadline must be after the current one (%1).</source>
        <translation>Hạn xử lý mới phải sau hạn hiện tại (%1).</translation>
    </message>
    <message>
        <source>Write the reason for the extension.</source>
        <translation>Hãy ghi lý do xin gia hạn.</translation>
    </message>
</context>
<context>
    <name>ResultModel</name>
    <message>
        <source>Answer</source>
        <translation>Ý kiến</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <source>% of members asked</source>
        <translation>Tỷ lệ (trên tổng số thành viên)</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Role of %1</source>
        <translation>Vai trò của %1</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Vai trò:</translation>
    </message>
</context>
<context>
    <name>RoomDialog</name>
    <message>
        <source>Add meeting room</source>
        <translation>Thêm phòng họp</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Tên phòng:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Đị&amp;a chỉ:</translation>
    </message>
    <message>
        <source>&amp;Seats:</source>
        <translation>&amp;Số chỗ ngồi:</translation>
    </message>
    <message>
        <source>The room needs a name</source>
        <translation>Hãy nhập tên phòng họp</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <source>Search documents — diacritics optional, e.g. chuyen doi so</source>
        <translation>Tìm văn bản — gõ có dấu hoặc không dấu, ví dụ: chuyen doi so</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>Mới nhất trước</translation>
    </message>
    <message>
        <source>Most relevant</source>
        <translation>Phù hợp nhất</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Bộ lọc</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>Tìm kiếm đã lưu</translation>
    </message>
    <message>
        <source>Filters •</source>
        <translation>Bộ lọc •</translation>
    </message>
    <message>
        <source>Save this search…</source>
        <translation>Lưu tìm kiếm này…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>Lưu tìm kiếm</translation>
    </message>
    <message>
        <source>Name of the search:</source>
        <translation>Tên tìm kiếm:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>Send a written opinion poll</source>
        <translation>Gửi phiếu lấy ý kiến</translation>
    </message>
    <message>
        <source>Add &amp;PDF files…</source>
        <translation>Thêm tệp &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Question:</source>
        <extracomment>PDF files from disk, stored when the poll is sent.</extracomment>
        <translation>&amp;Nội dung xin ý kiến:</translation>
    </message>
    <message>
        <source>&amp;Explanation:</source>
        <translation>Th&amp;uyết minh:</translation>
    </message>
    <message>
        <source>&amp;Deadline:</source>
        <translation>&amp;Hạn trả lời:</translation>
    </message>
    <message>
        <source>Decided &amp;by:</source>
        <translation>&amp;Quy tắc kết luận:</translation>
    </message>
    <message>
        <source>Documents:</source>
        <translation>Văn bản kèm theo:</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gửi</translation>
    </message>
    <message>
        <source>Add PDF documents</source>
        <translation>Thêm tài liệu PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Enter the question.</source>
        <translation>Hãy nhập nội dung xin ý kiến.</translation>
    </message>
</context>
<context>
    <name>SessionLabels</name>
    <message>
        <source>Percentages of the %1 members in office</source>
        <translation>Tỷ lệ tính trên tổng số %1 thành viên</translation>
    </message>
    <message>
        <source>Not arrived</source>
        <translation>Chưa điểm danh</translation>
    </message>
    <message>
        <source>In the hall</source>
        <translation>Có mặt tại hội trường</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Dự trực tuyến</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>Vắng</translation>
    </message>
    <message>
        <source>Substitute present</source>
        <translation>Người dự thay có mặt</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Đã rời cuộc họp</translation>
    </message>
    <message>
        <source>Not opened yet</source>
        <translation>Chưa khai mạc</translation>
    </message>
    <message>
        <source>In session</source>
        <translation>Đang họp</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đã bế mạc</translation>
    </message>
    <message>
        <source>Voting ended</source>
        <translation>Đã kết thúc</translation>
    </message>
    <message>
        <source>Point of order</source>
        <translation>Ý kiến về thủ tục</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>Phát biểu</translation>
    </message>
    <message>
        <source>Waiting for the chair</source>
        <translation>Chờ chủ tọa</translation>
    </message>
    <message>
        <source>In the queue</source>
        <translation>Trong danh sách</translation>
    </message>
    <message>
        <source>Speaking</source>
        <translation>Đang phát biểu</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Đã phát biểu</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Bị từ chối</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Đã rút</translation>
    </message>
    <message>
        <source>Prepared</source>
        <translation>Đã chuẩn bị</translation>
    </message>
    <message>
        <source>Voting</source>
        <translation>Đang biểu quyết</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Đã công bố</translation>
    </message>
    <message>
        <source>For / against / abstain</source>
        <translation>Tán thành / không tán thành / không biểu quyết</translation>
    </message>
    <message>
        <source>Election (choose among candidates)</source>
        <translation>Bầu (chọn trong danh sách)</translation>
    </message>
    <message>
        <source>Vote of confidence</source>
        <translation>Lấy phiếu tín nhiệm</translation>
    </message>
    <message>
        <source>Present %1/%2</source>
        <translation>Có mặt %1/%2</translation>
    </message>
    <message>
        <source>Present %1/%2 — %3 needed</source>
        <translation>Có mặt %1/%2 — cần %3</translation>
    </message>
    <message>
        <source>Voted %1/%2</source>
        <translation>Đã biểu quyết %1/%2</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Thông qua</translation>
    </message>
    <message>
        <source>Not passed</source>
        <translation>Không thông qua</translation>
    </message>
    <message>
        <source>Elected: %1</source>
        <extracomment>The countdown&apos;s colours on the big screen&apos;s dark background.</extracomment>
        <translation>Trúng cử: %1</translation>
    </message>
    <message>
        <source>may resign, or a vote of confidence follows</source>
        <translation>có thể xin từ chức, nếu không sẽ bỏ phiếu tín nhiệm</translation>
    </message>
    <message>
        <source>dismissal to be proposed</source>
        <translation>phải trình miễn nhiệm</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>Digital signature</source>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>Sign</source>
        <extracomment>Raises a DomainError for a certificate that is not the signer&apos;s (or not the organisation&apos;s, for a seal): asked before the PIN, and again on the opened key. Asks for the PIN; the default opens the PIN dialog. Page 1 above the signature&apos;s page when the issuing places are shown and it is another page. The number and date places the leader puts by hand (the finder was unsure), in PDF points.</extracomment>
        <translation>Ký số</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Nơi ký</translation>
    </message>
    <message>
        <source>Where the number goes: drag it after “Số:”.</source>
        <translation>Chỗ ghi số văn bản: kéo đến sau chữ “Số:”.</translation>
    </message>
    <message>
        <source>Where the issuing date goes: drag it over “ngày … tháng … năm …”.</source>
        <translation>Chỗ ghi ngày ban hành: kéo đến dòng “ngày … tháng … năm …”.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số</translation>
    </message>
    <message>
        <source>Issuing date</source>
        <translation>Ngày ban hành</translation>
    </message>
    <message>
        <source>Page %1, at the signature block.</source>
        <translation>Trang %1, tại vị trí ký.</translation>
    </message>
    <message>
        <source>Page %1: no signature block found, placed at the default spot. Drag the box where it belongs.</source>
        <translation>Trang %1: không tìm thấy vị trí ký, đặt ở vị trí mặc định. Hãy kéo khung đến đúng chỗ.</translation>
    </message>
    <message>
        <source>The places of the number and the issuing date were not found for sure: drag the orange boxes on page 1 after “Số:” and over the date line; the clerk&apos;s desk writes them there when issuing.</source>
        <translation>Chưa xác định chắc chỗ ghi số và ngày ban hành: hãy kéo hai ô màu cam ở trang 1 đến sau chữ “Số:” và dòng ngày tháng; văn thư sẽ ghi số và ngày vào đó khi ban hành.</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>Đang ký…</translation>
    </message>
    <message>
        <source>Signing failed because of a program error; it was logged.</source>
        <translation>Không ký được do lỗi chương trình; lỗi đã được ghi lại.</translation>
    </message>
</context>
<context>
    <name>SignFlow</name>
    <message>
        <source>Sign the draft before the leader</source>
        <extracomment>Whose certificate the signature must be made with (``signing.ownership``). The sign dialog is open (tests drive it).</extracomment>
        <translation>Ký số dự thảo trước lãnh đạo</translation>
    </message>
    <message>
        <source>Sign and approve the draft</source>
        <translation>Ký số và duyệt dự thảo</translation>
    </message>
    <message>
        <source>Agency signature (seal)</source>
        <translation>Chữ ký số của cơ quan (đóng dấu)</translation>
    </message>
    <message>
        <source>Agency signature on an attachment</source>
        <translation>Chữ ký số của cơ quan trên tệp kèm theo</translation>
    </message>
</context>
<context>
    <name>SignatureListModel</name>
    <message>
        <source>Signer</source>
        <translation>Người ký</translation>
    </message>
    <message>
        <source>Signing time</source>
        <translation>Thời gian ký</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Hợp lệ</translation>
    </message>
    <message>
        <source>NOT valid</source>
        <translation>KHÔNG hợp lệ</translation>
    </message>
</context>
<context>
    <name>SignaturesPanel</name>
    <message>
        <source>No file checked.</source>
        <translation>Chưa kiểm tra tệp nào.</translation>
    </message>
    <message>
        <source>Checking the signatures…</source>
        <translation>Đang kiểm tra chữ ký số…</translation>
    </message>
    <message>
        <source>The file carries no digital signature.</source>
        <translation>Tệp không có chữ ký số.</translation>
    </message>
    <message>
        <source>All signatures are valid (%1).</source>
        <translation>Các chữ ký số đều hợp lệ (%1).</translation>
    </message>
    <message>
        <source>%1 of %2 signature(s) are NOT valid.</source>
        <translation>%1/%2 chữ ký số KHÔNG hợp lệ.</translation>
    </message>
    <message>
        <source>The check failed.</source>
        <translation>Không kiểm tra được.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <source>the whole file</source>
        <translation>toàn bộ tệp</translation>
    </message>
    <message>
        <source>the document as signed; later updates follow</source>
        <translation>văn bản tại lúc ký; có cập nhật sau đó</translation>
    </message>
    <message>
        <source>part of the file</source>
        <translation>một phần của tệp</translation>
    </message>
    <message>
        <source>unclear</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>form filling or further signatures only</source>
        <translation>chỉ điền biểu mẫu hoặc ký thêm</translation>
    </message>
    <message>
        <source>annotations added or changed</source>
        <translation>thêm hoặc sửa chú thích</translation>
    </message>
    <message>
        <source>the content was changed</source>
        <translation>nội dung bị thay đổi</translation>
    </message>
    <message>
        <source>cannot be determined</source>
        <translation>không xác định được</translation>
    </message>
    <message>
        <source>trusted timestamp</source>
        <translation>dấu thời gian tin cậy</translation>
    </message>
    <message>
        <source>signer&apos;s clock</source>
        <translation>đồng hồ của người ký</translation>
    </message>
    <message>
        <source>Signer: %1</source>
        <translation>Người ký: %1</translation>
    </message>
    <message>
        <source>Issued by: %1</source>
        <translation>Cấp bởi: %1</translation>
    </message>
    <message>
        <source>Signing time: %1</source>
        <translation>Thời gian ký: %1</translation>
    </message>
    <message>
        <source>Intact: %1</source>
        <translation>Nguyên vẹn: %1</translation>
    </message>
    <message>
        <source>Chain to a trusted root: %1</source>
        <translation>Thuộc tổ chức chứng thực tin cậy: %1</translation>
    </message>
    <message>
        <source>Certificate valid at signing time: %1</source>
        <translation>Chứng thư còn hiệu lực khi ký: %1</translation>
    </message>
    <message>
        <source>Covers: %1</source>
        <translation>Phạm vi ký: %1</translation>
    </message>
    <message>
        <source>Changed after signing: %1</source>
        <translation>Thay đổi sau khi ký: %1</translation>
    </message>
</context>
<context>
    <name>SigningSection</name>
    <message>
        <source>Si&amp;gning</source>
        <extracomment>Soft certificates to offer when signing (the demo&apos;s cards); this machine&apos;s signing settings (PKCS#11 modules, timestamp server); None: the data dir&apos;s.</extracomment>
        <translation>&amp;Ký số</translation>
    </message>
    <message>
        <source>&amp;Administration</source>
        <translation>&amp;Quản trị</translation>
    </message>
    <message>
        <source>Digital signature…</source>
        <translation>Ký số…</translation>
    </message>
    <message>
        <source>Sign the file on screen with your e-card (leader, co-signer), or seal it for the agency (clerk)</source>
        <translation>Ký số tệp đang xem bằng thẻ ký số của bạn (lãnh đạo, người ký trước), hoặc ký số của cơ quan — đóng dấu (văn thư)</translation>
    </message>
    <message>
        <source>Signature and seal images…</source>
        <translation>Hình chữ ký và con dấu…</translation>
    </message>
    <message>
        <source>Trusted root certificates…</source>
        <translation>Chứng thư số gốc tin cậy…</translation>
    </message>
    <message>
        <source>E-card drivers (PKCS#11)…</source>
        <translation>Phần mềm của thẻ ký số…</translation>
    </message>
    <message>
        <source>Issued.</source>
        <translation>Đã ban hành.</translation>
    </message>
    <message>
        <source>Signed.</source>
        <translation>Đã ký số.</translation>
    </message>
    <message>
        <source>Signed; the server checks the signatures when it receives the file.</source>
        <translation>Đã ký số; máy chủ kiểm tra chữ ký khi nhận được tệp.</translation>
    </message>
</context>
<context>
    <name>SittingDialog</name>
    <message>
        <source>Edit sitting</source>
        <translation>Sửa phiên họp</translation>
    </message>
    <message>
        <source>Add sitting</source>
        <translation>Thêm phiên họp</translation>
    </message>
    <message>
        <source>(another place)</source>
        <translation>(địa điểm khác)</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>Tên &amp;phiên:</translation>
    </message>
    <message>
        <source>&amp;Starts:</source>
        <translation>&amp;Bắt đầu:</translation>
    </message>
    <message>
        <source>&amp;Ends:</source>
        <translation>&amp;Kết thúc:</translation>
    </message>
    <message>
        <source>&amp;Room:</source>
        <translation>&amp;Phòng họp:</translation>
    </message>
    <message>
        <source>&amp;Place:</source>
        <translation>Đị&amp;a điểm:</translation>
    </message>
</context>
<context>
    <name>SpeechesModel</name>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Người phát biểu</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
</context>
<context>
    <name>StartupProgress</name>
    <message>
        <source>eOffice — starting</source>
        <translation>eOffice — đang khởi động</translation>
    </message>
    <message>
        <source>Starting eOffice…</source>
        <translation>Đang khởi động eOffice…</translation>
    </message>
    <message>
        <source>Opening the demo database…</source>
        <translation>Đang mở cơ sở dữ liệu mẫu…</translation>
    </message>
    <message>
        <source>Creating the province: organisations, units and people…</source>
        <translation>Đang tạo dữ liệu tỉnh: cơ quan, đơn vị và cán bộ…</translation>
    </message>
    <message>
        <source>Creating demo documents: %1 of %2</source>
        <translation>Đang tạo văn bản mẫu: %1/%2</translation>
    </message>
    <message>
        <source>Writing the demo work diaries…</source>
        <translation>Đang ghi nhật ký công tác mẫu…</translation>
    </message>
    <message>
        <source>Issuing the demo e-cards…</source>
        <translation>Đang cấp chứng thư số mẫu…</translation>
    </message>
    <message>
        <source>Starting the demo server…</source>
        <translation>Đang khởi động máy chủ mẫu…</translation>
    </message>
    <message>
        <source>Connecting to the demo server of the other eOffice window…</source>
        <translation>Đang kết nối tới máy chủ mẫu của cửa sổ eOffice kia…</translation>
    </message>
    <message>
        <source>The first start creates the demo data (about a minute).</source>
        <translation>Lần chạy đầu tiên, eOffice tạo dữ liệu mẫu (khoảng một phút).</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <source>Submit for signature</source>
        <translation>Trình ký</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Trình</translation>
    </message>
    <message>
        <source>Choose the leader who signs.</source>
        <translation>Hãy chọn lãnh đạo ký duyệt.</translation>
    </message>
    <message>
        <source>Leader who signs</source>
        <translation>Lãnh đạo ký</translation>
    </message>
    <message>
        <source>The draft goes straight to this leader to approve and sign.</source>
        <translation>Dự thảo được trình thẳng lãnh đạo này duyệt và ký.</translation>
    </message>
    <message>
        <source>The draft goes first to %1, head of your unit, for review; they pass it on to this leader.</source>
        <translation>Dự thảo được trình trước tới %1, trưởng đơn vị của bạn, để cho ý kiến; trưởng đơn vị chuyển tiếp lãnh đạo này ký.</translation>
    </message>
    <message>
        <source>Send to the head of unit</source>
        <translation>Trình trưởng đơn vị</translation>
    </message>
</context>
<context>
    <name>SyncStatusArea</name>
    <message>
        <source>Show what waits to be sent</source>
        <extracomment>A fresh status is on screen (SyncStatus): an open list of what waits follows it.</extracomment>
        <translation>Xem các thao tác chờ gửi</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Đăng nhập…</translation>
    </message>
    <message>
        <source>Notifications (%1)</source>
        <translation>Thông báo (%1)</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>Signed out: sign in to sync</source>
        <translation>Chưa đăng nhập: hãy đăng nhập để đồng bộ</translation>
    </message>
    <message>
        <source>First sync: %1 rows</source>
        <translation>Đồng bộ lần đầu: %1 dòng</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Đang kết nối…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <source>Offline — working on this computer</source>
        <translation>Ngoại tuyến — đang làm việc trên máy này</translation>
    </message>
    <message>
        <source>Last synced at %1</source>
        <translation>Đồng bộ lần cuối lúc %1</translation>
    </message>
    <message>
        <source>Downloading files: %1/%2</source>
        <translation>Đang tải tệp: %1/%2</translation>
    </message>
    <message>
        <source>%1 waiting to be sent</source>
        <translation>%1 thao tác chờ gửi</translation>
    </message>
    <message>
        <source>%1 refused by the server</source>
        <translation>%1 thao tác bị từ chối</translation>
    </message>
</context>
<context>
    <name>TaskActions</name>
    <message>
        <source>Start handling</source>
        <translation>Bắt đầu xử lý</translation>
    </message>
    <message>
        <source>Forward for handling…</source>
        <translation>Chuyển xử lý…</translation>
    </message>
    <message>
        <source>Pass the task to a unit below or a person of the unit</source>
        <translation>Chuyển nhiệm vụ cho đơn vị trực thuộc hoặc người trong đơn vị</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>Trả lại…</translation>
    </message>
    <message>
        <source>Hand the task back, with the reason</source>
        <translation>Trả lại nhiệm vụ, ghi rõ lý do</translation>
    </message>
    <message>
        <source>Complete…</source>
        <translation>Hoàn thành…</translation>
    </message>
    <message>
        <source>Report the task done, with its result and the reply document</source>
        <translation>Báo cáo hoàn thành nhiệm vụ, kèm kết quả và văn bản trả lời</translation>
    </message>
    <message>
        <source>Task in progress</source>
        <translation>Nhiệm vụ đang xử lý</translation>
    </message>
    <message>
        <source>Task forwarded for handling</source>
        <translation>Đã chuyển xử lý nhiệm vụ</translation>
    </message>
    <message>
        <source>Return the task</source>
        <translation>Trả lại nhiệm vụ</translation>
    </message>
    <message>
        <source>Why is the task returned?</source>
        <translation>Lý do trả lại nhiệm vụ:</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Trả lại</translation>
    </message>
    <message>
        <source>Task returned</source>
        <translation>Đã trả lại nhiệm vụ</translation>
    </message>
    <message>
        <source>Task completed</source>
        <translation>Nhiệm vụ đã hoàn thành</translation>
    </message>
</context>
<context>
    <name>TasksModel</name>
    <message>
        <source>Task</source>
        <translation>Nhiệm vụ</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Cuộc họp</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Chủ trì</translation>
    </message>
    <message>
        <source>Coordinating</source>
        <translation>Phối hợp</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Hạn xử lý</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message>
        <source>Tasks assigned in meetings</source>
        <extracomment>A refresh is on screen (tests wait on it). Open the meeting of the selected task (its id). Select this task once the list holds it (opened from a documents&apos; box).</extracomment>
        <translation>Việc được giao từ cuộc họp</translation>
    </message>
    <message>
        <source>Open the meeting</source>
        <translation>Mở cuộc họp</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <source>This text is required.</source>
        <translation>Không được để trống nội dung này.</translation>
    </message>
    <message>
        <source>Write the reason.</source>
        <translation>Cần ghi lý do.</translation>
    </message>
</context>
<context>
    <name>TextNoteDialog</name>
    <message>
        <source>Text note</source>
        <extracomment>The colours offered: (value stored, name shown — translated where shown).</extracomment>
        <translation>Ghi chú chữ</translation>
    </message>
    <message>
        <source>Your note (only you can see it)</source>
        <translation>Ghi chú của bạn (chỉ mình bạn xem được)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>TotalsModel</name>
    <message>
        <source>Member</source>
        <translation>Thành viên</translation>
    </message>
    <message>
        <source>Speeches</source>
        <translation>Số lượt</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
</context>
<context>
    <name>TrustedRootModel</name>
    <message>
        <source>Root certificate</source>
        <translation>Chứng thư số gốc</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Hiệu lực đến</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>Dấu vân tay SHA-256</translation>
    </message>
</context>
<context>
    <name>TrustedRootsWidget</name>
    <message>
        <source>Add root certificate…</source>
        <translation>Thêm chứng thư số gốc…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>Signatures are trusted when their chain ends at one of these roots.</source>
        <translation>Chữ ký số được tin cậy khi chuỗi chứng thư kết thúc ở một trong các chứng thư gốc này.</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <extracomment>Replaced in tests, where no file dialog or question box can be clicked.</extracomment>
        <translation>Chứng thư số gốc</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Chứng thư số (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <source>Remove root certificate</source>
        <translation>Gỡ chứng thư số gốc</translation>
    </message>
    <message>
        <source>Stop trusting “%1”?</source>
        <translation>Thôi tin cậy “%1”?</translation>
    </message>
    <message>
        <source>The root certificate is trusted.</source>
        <translation>Đã thêm chứng thư số gốc vào danh sách tin cậy.</translation>
    </message>
    <message>
        <source>The root certificate is no longer trusted.</source>
        <translation>Đã gỡ chứng thư số gốc khỏi danh sách tin cậy.</translation>
    </message>
</context>
<context>
    <name>VersionsDialog</name>
    <message>
        <source>Versions of “%1”</source>
        <translation>Các phiên bản của “%1”</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>Người cập nhật</translation>
    </message>
</context>
<context>
    <name>VotesModel</name>
    <message>
        <source>Vote</source>
        <translation>Biểu quyết</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
</context>
<context>
    <name>WeeklySchedule</name>
    <message>
        <source>Weekly schedule from %1</source>
        <translation>Lịch công tác tuần từ %1</translation>
    </message>
</context>
</TS>
