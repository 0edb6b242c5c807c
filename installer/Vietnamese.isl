; *** Thông điệp tiếng Việt của trình cài đặt Inno Setup 6.4 (Soạn báo cáo) ***
;
; Dịch từ Default.isl của Inno Setup 6.4.1 (bản gốc tiếng Anh, lưu để kiểm thử ở
; tests/data/innosetup/Default-6.4.1.isl); tests/test_installer_messages.py kiểm tra mọi tên thông điệp
; của tệp gốc đều có bản dịch ở đây. installer/SoanBaoCao.iss dùng tệp này với mọi trình biên dịch.
; Tệp này là UTF-8 có BOM: thiếu BOM thì Inno Setup đọc như ANSI và chữ Việt bị vỡ.
;
; Lưu ý khi dịch (của Inno Setup): không thêm dấu chấm (.) vào cuối những thông điệp mà bản gốc
; không có, vì Inno Setup tự thêm dấu chấm cho chúng. Giữ nguyên %1, %2, %n, [name], [name/ver],
; [gb], [mb] và dấu & (chữ sau & là phím tắt Alt+chữ đó; trong một trang không hai nút trùng phím).

[LangOptions]
LanguageName=Tiếng Việt
LanguageID=$042A
; 0: bộ cài Unicode, không phụ thuộc trang mã của Windows (ngôn ngữ luôn dùng được).
LanguageCodePage=0
;DialogFontName=
;DialogFontSize=8
;WelcomeFontName=Verdana
;WelcomeFontSize=12
;TitleFontName=Arial
;TitleFontSize=29
;CopyrightFontName=Arial
;CopyrightFontSize=8

[Messages]

; *** Tên cửa sổ
SetupAppTitle=Cài đặt
SetupWindowTitle=Cài đặt - %1
UninstallAppTitle=Gỡ cài đặt
UninstallAppFullTitle=Gỡ cài đặt %1

; *** Chung
InformationTitle=Thông tin
ConfirmTitle=Xác nhận
ErrorTitle=Lỗi

; *** Trình nạp bộ cài
SetupLdrStartupMessage=Chương trình sẽ cài đặt %1. Bạn có muốn tiếp tục không?
LdrCannotCreateTemp=Không tạo được tệp tạm. Đã dừng cài đặt
LdrCannotExecTemp=Không chạy được tệp trong thư mục tạm. Đã dừng cài đặt
HelpTextNote=

; *** Lỗi khi khởi động
LastErrorMessage=%1.%n%nLỗi %2: %3
SetupFileMissing=Thiếu tệp %1 trong thư mục cài đặt. Hãy khắc phục hoặc lấy một bản mới của chương trình.
SetupFileCorrupt=Các tệp cài đặt bị hỏng. Hãy lấy một bản mới của chương trình.
SetupFileCorruptOrWrongVer=Các tệp cài đặt bị hỏng hoặc không hợp với phiên bản trình cài đặt này. Hãy khắc phục hoặc lấy một bản mới của chương trình.
InvalidParameter=Dòng lệnh có một tham số không hợp lệ:%n%n%1
SetupAlreadyRunning=Trình cài đặt đang chạy.
WindowsVersionNotSupported=Chương trình này không hỗ trợ phiên bản Windows của máy bạn.
WindowsServicePackRequired=Chương trình này cần %1 Service Pack %2 trở lên.
NotOnThisPlatform=Chương trình này không chạy trên %1.
OnlyOnThisPlatform=Chương trình này chỉ chạy trên %1.
OnlyOnTheseArchitectures=Chương trình này chỉ cài được trên các phiên bản Windows dành cho các kiến trúc bộ xử lý sau:%n%n%1
WinVersionTooLowError=Chương trình này cần %1 phiên bản %2 trở lên.
WinVersionTooHighError=Chương trình này không cài được trên %1 phiên bản %2 trở lên.
AdminPrivilegesRequired=Bạn phải đăng nhập bằng tài khoản quản trị (administrator) để cài chương trình này.
PowerUserPrivilegesRequired=Bạn phải đăng nhập bằng tài khoản quản trị hoặc thuộc nhóm Power Users để cài chương trình này.
SetupAppRunningError=Trình cài đặt thấy %1 đang chạy.%n%nHãy đóng mọi cửa sổ của chương trình này rồi bấm OK để tiếp tục, hoặc bấm Hủy để thoát.
UninstallAppRunningError=Trình gỡ cài đặt thấy %1 đang chạy.%n%nHãy đóng mọi cửa sổ của chương trình này rồi bấm OK để tiếp tục, hoặc bấm Hủy để thoát.

; *** Câu hỏi khi khởi động
PrivilegesRequiredOverrideTitle=Chọn cách cài đặt
PrivilegesRequiredOverrideInstruction=Chọn cách cài đặt
PrivilegesRequiredOverrideText1=%1 có thể cài cho mọi người dùng máy này (cần quyền quản trị) hoặc chỉ cho riêng bạn.
PrivilegesRequiredOverrideText2=%1 có thể cài chỉ cho riêng bạn hoặc cho mọi người dùng máy này (cần quyền quản trị).
PrivilegesRequiredOverrideAllUsers=Cài cho &mọi người dùng
PrivilegesRequiredOverrideAllUsersRecommended=Cài cho &mọi người dùng (nên chọn)
PrivilegesRequiredOverrideCurrentUser=Cài chỉ cho &tôi
PrivilegesRequiredOverrideCurrentUserRecommended=Cài chỉ cho &tôi (nên chọn)

; *** Lỗi khác
ErrorCreatingDir=Trình cài đặt không tạo được thư mục "%1"
ErrorTooManyFilesInDir=Không tạo được tệp trong thư mục "%1" vì thư mục có quá nhiều tệp

; *** Thông điệp chung của trình cài đặt
ExitSetupTitle=Thoát cài đặt
ExitSetupMessage=Việc cài đặt chưa xong. Nếu thoát bây giờ, chương trình sẽ không được cài.%n%nBạn có thể chạy lại trình cài đặt vào lúc khác để cài tiếp.%n%nThoát cài đặt?
AboutSetupMenuItem=&Giới thiệu trình cài đặt...
AboutSetupTitle=Giới thiệu trình cài đặt
AboutSetupMessage=%1 phiên bản %2%n%3%n%nTrang chủ của %1:%n%4
AboutSetupNote=
TranslatorNote=Bản dịch tiếng Việt: nhóm phát triển Soạn báo cáo

; *** Nút bấm
ButtonBack=< &Quay lại
ButtonNext=&Tiếp theo >
ButtonInstall=&Cài đặt
ButtonOK=OK
ButtonCancel=Hủy
ButtonYes=&Có
ButtonYesToAll=Có với tất &cả
ButtonNo=&Không
ButtonNoToAll=Khô&ng với tất cả
ButtonFinish=&Hoàn tất
ButtonBrowse=&Chọn...
ButtonWizardBrowse=C&họn...
ButtonNewFolder=&Tạo thư mục mới

; *** Hộp "Chọn ngôn ngữ"
SelectLanguageTitle=Chọn ngôn ngữ cài đặt
SelectLanguageLabel=Chọn ngôn ngữ dùng trong khi cài đặt.

; *** Chữ chung của các trang
ClickNext=Bấm Tiếp theo để tiếp tục, hoặc bấm Hủy để thoát cài đặt.
BeveledLabel=
BrowseDialogTitle=Chọn thư mục
BrowseDialogLabel=Chọn một thư mục trong danh sách dưới đây rồi bấm OK.
NewFolderName=Thư mục mới

; *** Trang "Chào mừng"
WelcomeLabel1=Chào mừng đến với trình cài đặt [name]
WelcomeLabel2=Chương trình sẽ cài đặt [name/ver] vào máy tính của bạn.%n%nNên đóng mọi chương trình khác trước khi tiếp tục.

; *** Trang "Mật khẩu"
WizardPassword=Mật khẩu
PasswordLabel1=Bộ cài này được bảo vệ bằng mật khẩu.
PasswordLabel3=Hãy nhập mật khẩu rồi bấm Tiếp theo để tiếp tục. Mật khẩu phân biệt chữ hoa và chữ thường.
PasswordEditLabel=&Mật khẩu:
IncorrectPassword=Mật khẩu vừa nhập không đúng. Hãy thử lại.

; *** Trang "Thỏa thuận cấp phép"
WizardLicense=Thỏa thuận cấp phép
LicenseLabel=Hãy đọc các thông tin quan trọng sau trước khi tiếp tục.
LicenseLabel3=Hãy đọc Thỏa thuận cấp phép sau. Bạn phải chấp nhận các điều khoản của thỏa thuận này trước khi cài đặt tiếp.
LicenseAccepted=Tôi &chấp nhận thỏa thuận
LicenseNotAccepted=Tôi &không chấp nhận thỏa thuận

; *** Các trang "Thông tin"
WizardInfoBefore=Thông tin
InfoBeforeLabel=Hãy đọc các thông tin quan trọng sau trước khi tiếp tục.
InfoBeforeClickLabel=Khi sẵn sàng cài đặt tiếp, hãy bấm Tiếp theo.
WizardInfoAfter=Thông tin
InfoAfterLabel=Hãy đọc các thông tin quan trọng sau trước khi tiếp tục.
InfoAfterClickLabel=Khi sẵn sàng cài đặt tiếp, hãy bấm Tiếp theo.

; *** Trang "Thông tin người dùng"
WizardUserInfo=Thông tin người dùng
UserInfoDesc=Hãy nhập thông tin của bạn.
UserInfoName=&Tên người dùng:
UserInfoOrg=&Cơ quan:
UserInfoSerial=&Số sê-ri:
UserInfoNameRequired=Bạn phải nhập tên.

; *** Trang "Chọn nơi cài đặt"
WizardSelectDir=Chọn nơi cài đặt
SelectDirDesc=Cài [name] vào đâu?
SelectDirLabel3=Trình cài đặt sẽ cài [name] vào thư mục sau.
SelectDirBrowseLabel=Bấm Tiếp theo để tiếp tục. Muốn chọn thư mục khác, hãy bấm Chọn.
DiskSpaceGBLabel=Cần ít nhất [gb] GB dung lượng đĩa trống.
DiskSpaceMBLabel=Cần ít nhất [mb] MB dung lượng đĩa trống.
CannotInstallToNetworkDrive=Không cài được vào ổ đĩa mạng.
CannotInstallToUNCPath=Không cài được vào đường dẫn UNC.
InvalidPath=Bạn phải nhập đường dẫn đầy đủ có chữ ổ đĩa, ví dụ:%n%nC:\APP%n%nhoặc đường dẫn UNC dạng:%n%n\\máy-chủ\thư-mục-chia-sẻ
InvalidDrive=Ổ đĩa hoặc thư mục chia sẻ UNC đã chọn không tồn tại hoặc không truy cập được. Hãy chọn nơi khác.
DiskSpaceWarningTitle=Không đủ dung lượng đĩa
DiskSpaceWarning=Cần ít nhất %1 KB dung lượng trống để cài, nhưng ổ đĩa đã chọn chỉ còn %2 KB.%n%nBạn vẫn muốn tiếp tục?
DirNameTooLong=Tên thư mục hoặc đường dẫn quá dài.
InvalidDirName=Tên thư mục không hợp lệ.
BadDirName32=Tên thư mục không được chứa các ký tự sau:%n%n%1
DirExistsTitle=Thư mục đã có
DirExists=Thư mục:%n%n%1%n%nđã có. Bạn vẫn muốn cài vào thư mục đó?
DirDoesntExistTitle=Thư mục chưa có
DirDoesntExist=Thư mục:%n%n%1%n%nchưa có. Bạn có muốn tạo thư mục này không?

; *** Trang "Chọn thành phần"
WizardSelectComponents=Chọn thành phần
SelectComponentsDesc=Cài những thành phần nào?
SelectComponentsLabel2=Đánh dấu các thành phần muốn cài, bỏ dấu các thành phần không muốn cài. Bấm Tiếp theo khi sẵn sàng.
FullInstallation=Cài đầy đủ
; Không dịch 'Compact' thành 'Tối thiểu'
CompactInstallation=Cài gọn
CustomInstallation=Cài tùy chọn
NoUninstallWarningTitle=Thành phần đã có
NoUninstallWarning=Trình cài đặt thấy các thành phần sau đã được cài trên máy:%n%n%1%n%nBỏ chọn chúng sẽ không gỡ chúng khỏi máy.%n%nBạn vẫn muốn tiếp tục?
ComponentSize1=%1 KB
ComponentSize2=%1 MB
ComponentsDiskSpaceGBLabel=Các thành phần đã chọn cần ít nhất [gb] GB dung lượng đĩa.
ComponentsDiskSpaceMBLabel=Các thành phần đã chọn cần ít nhất [mb] MB dung lượng đĩa.

; *** Trang "Chọn việc làm thêm"
WizardSelectTasks=Chọn việc làm thêm
SelectTasksDesc=Làm thêm những việc nào?
SelectTasksLabel2=Chọn những việc trình cài đặt làm thêm khi cài [name], rồi bấm Tiếp theo.

; *** Trang "Chọn thư mục trong menu Start"
WizardSelectProgramGroup=Chọn thư mục trong menu Start
SelectStartMenuFolderDesc=Đặt lối tắt của chương trình ở đâu?
SelectStartMenuFolderLabel3=Trình cài đặt sẽ tạo lối tắt của chương trình trong thư mục sau của menu Start.
SelectStartMenuFolderBrowseLabel=Bấm Tiếp theo để tiếp tục. Muốn chọn thư mục khác, hãy bấm Chọn.
MustEnterGroupName=Bạn phải nhập tên thư mục.
GroupNameTooLong=Tên thư mục hoặc đường dẫn quá dài.
InvalidGroupName=Tên thư mục không hợp lệ.
BadGroupName=Tên thư mục không được chứa các ký tự sau:%n%n%1
NoProgramGroupCheck2=&Không tạo thư mục trong menu Start

; *** Trang "Sẵn sàng cài đặt"
WizardReady=Sẵn sàng cài đặt
ReadyLabel1=Trình cài đặt đã sẵn sàng cài [name] vào máy tính của bạn.
ReadyLabel2a=Bấm Cài đặt để bắt đầu cài, hoặc bấm Quay lại nếu muốn xem lại hay đổi lựa chọn.
ReadyLabel2b=Bấm Cài đặt để bắt đầu cài.
ReadyMemoUserInfo=Thông tin người dùng:
ReadyMemoDir=Nơi cài đặt:
ReadyMemoType=Kiểu cài đặt:
ReadyMemoComponents=Các thành phần đã chọn:
ReadyMemoGroup=Thư mục trong menu Start:
ReadyMemoTasks=Việc làm thêm:

; *** Trang tải tệp (TDownloadWizardPage) và DownloadTemporaryFile
DownloadingLabel=Đang tải thêm tệp...
ButtonStopDownload=&Dừng tải
StopDownload=Bạn có chắc muốn dừng tải?
ErrorDownloadAborted=Đã dừng tải
ErrorDownloadFailed=Tải không được: %1 %2
ErrorDownloadSizeFailed=Không lấy được kích thước: %1 %2
ErrorFileHash1=Không tính được mã băm của tệp: %1
ErrorFileHash2=Mã băm của tệp không đúng: cần %1, thấy %2
ErrorProgress=Tiến độ không hợp lệ: %1 trên %2
ErrorFileSize=Kích thước tệp không đúng: cần %1, thấy %2

; *** Trang giải nén (TExtractionWizardPage) và Extract7ZipArchive
ExtractionLabel=Đang giải nén thêm tệp...
ButtonStopExtraction=&Dừng giải nén
StopExtraction=Bạn có chắc muốn dừng giải nén?
ErrorExtractionAborted=Đã dừng giải nén
ErrorExtractionFailed=Giải nén không được: %1

; *** Trang "Chuẩn bị cài đặt"
WizardPreparing=Chuẩn bị cài đặt
PreparingDesc=Trình cài đặt đang chuẩn bị cài [name] vào máy tính của bạn.
PreviousInstallNotCompleted=Lần cài đặt hoặc gỡ bỏ một chương trình trước đây chưa xong. Bạn cần khởi động lại máy để hoàn tất việc đó.%n%nSau khi khởi động lại máy, hãy chạy lại trình cài đặt để cài xong [name].
CannotContinue=Không thể cài đặt tiếp. Hãy bấm Hủy để thoát.
ApplicationsFound=Các chương trình sau đang dùng những tệp mà trình cài đặt cần cập nhật. Nên để trình cài đặt tự đóng các chương trình này.
ApplicationsFound2=Các chương trình sau đang dùng những tệp mà trình cài đặt cần cập nhật. Nên để trình cài đặt tự đóng các chương trình này. Cài xong, trình cài đặt sẽ thử mở lại chúng.
CloseApplications=&Tự động đóng các chương trình
DontCloseApplications=&Không đóng các chương trình
ErrorCloseApplications=Trình cài đặt không tự đóng được mọi chương trình. Trước khi tiếp tục, nên đóng mọi chương trình đang dùng những tệp mà trình cài đặt cần cập nhật.
PrepareToInstallNeedsRestart=Trình cài đặt phải khởi động lại máy. Sau khi khởi động lại, hãy chạy lại trình cài đặt để cài xong [name].%n%nBạn có muốn khởi động lại ngay bây giờ?

; *** Trang "Đang cài đặt"
WizardInstalling=Đang cài đặt
InstallingLabel=Hãy chờ trong khi trình cài đặt cài [name] vào máy tính của bạn.

; *** Trang "Cài đặt xong"
FinishedHeadingLabel=Hoàn tất cài đặt [name]
FinishedLabelNoIcons=Đã cài xong [name] vào máy tính của bạn.
FinishedLabel=Đã cài xong [name] vào máy tính của bạn. Có thể mở chương trình bằng các lối tắt vừa tạo.
ClickFinish=Bấm Hoàn tất để thoát cài đặt.
FinishedRestartLabel=Để cài xong [name], trình cài đặt phải khởi động lại máy. Bạn có muốn khởi động lại ngay bây giờ?
FinishedRestartMessage=Để cài xong [name], trình cài đặt phải khởi động lại máy.%n%nBạn có muốn khởi động lại ngay bây giờ?
ShowReadmeCheck=Có, tôi muốn xem tệp README
YesRadio=&Có, khởi động lại máy ngay
NoRadio=&Không, tôi sẽ khởi động lại máy sau
; ví dụ 'Chạy MyProg.exe'
RunEntryExec=Chạy %1
; ví dụ 'Xem Readme.txt'
RunEntryShellExec=Xem %1

; *** Khi cần đĩa tiếp theo
ChangeDiskTitle=Cần đĩa tiếp theo
SelectDiskLabel2=Hãy đưa đĩa %1 vào rồi bấm OK.%n%nNếu các tệp của đĩa này nằm ở thư mục khác với thư mục hiện dưới đây, hãy nhập đúng đường dẫn hoặc bấm Chọn.
PathLabel=Đường &dẫn:
FileNotInDir2=Không tìm thấy tệp "%1" trong "%2". Hãy đưa vào đúng đĩa hoặc chọn thư mục khác.
SelectDirectoryLabel=Hãy chỉ nơi có đĩa tiếp theo.

; *** Trong khi cài đặt
SetupAborted=Việc cài đặt chưa xong.%n%nHãy khắc phục sự cố rồi chạy lại trình cài đặt.
AbortRetryIgnoreSelectAction=Chọn cách xử lý
AbortRetryIgnoreRetry=&Thử lại
AbortRetryIgnoreIgnore=&Bỏ qua lỗi và tiếp tục
AbortRetryIgnoreCancel=Hủy cài đặt

; *** Trạng thái cài đặt
StatusClosingApplications=Đang đóng các chương trình...
StatusCreateDirs=Đang tạo thư mục...
StatusExtractFiles=Đang giải nén tệp...
StatusCreateIcons=Đang tạo lối tắt...
StatusCreateIniEntries=Đang ghi mục INI...
StatusCreateRegistryEntries=Đang ghi mục registry...
StatusRegisterFiles=Đang đăng ký tệp...
StatusSavingUninstall=Đang lưu thông tin gỡ cài đặt...
StatusRunProgram=Đang hoàn tất cài đặt...
StatusRestartingApplications=Đang mở lại các chương trình...
StatusRollback=Đang hoàn lại các thay đổi...

; *** Lỗi khác
ErrorInternal2=Lỗi nội bộ: %1
ErrorFunctionFailedNoCode=%1 không thành công
ErrorFunctionFailed=%1 không thành công; mã %2
ErrorFunctionFailedWithMessage=%1 không thành công; mã %2.%n%3
ErrorExecutingProgram=Không chạy được tệp:%n%1

; *** Lỗi registry
ErrorRegOpenKey=Lỗi khi mở khóa registry:%n%1\%2
ErrorRegCreateKey=Lỗi khi tạo khóa registry:%n%1\%2
ErrorRegWriteKey=Lỗi khi ghi khóa registry:%n%1\%2

; *** Lỗi INI
ErrorIniEntry=Lỗi khi ghi mục INI vào tệp "%1".

; *** Lỗi chép tệp
FileAbortRetryIgnoreSkipNotRecommended=&Bỏ qua tệp này (không nên)
FileAbortRetryIgnoreIgnoreNotRecommended=Bỏ qua &lỗi và tiếp tục (không nên)
SourceIsCorrupted=Tệp nguồn bị hỏng
SourceDoesntExist=Tệp nguồn "%1" không tồn tại
ExistingFileReadOnly2=Không thay được tệp đang có vì tệp được đặt chỉ đọc.
ExistingFileReadOnlyRetry=&Bỏ thuộc tính chỉ đọc và thử lại
ExistingFileReadOnlyKeepExisting=&Giữ tệp đang có
ErrorReadingExistingDest=Có lỗi khi đọc tệp đang có:
FileExistsSelectAction=Chọn cách xử lý
FileExists2=Tệp đã có.
FileExistsOverwriteExisting=&Ghi đè tệp đang có
FileExistsKeepExisting=G&iữ tệp đang có
FileExistsOverwriteOrKeepAll=&Làm như vậy với các trường hợp trùng tiếp theo
ExistingFileNewerSelectAction=Chọn cách xử lý
ExistingFileNewer2=Tệp đang có mới hơn tệp trình cài đặt định cài.
ExistingFileNewerOverwriteExisting=&Ghi đè tệp đang có
ExistingFileNewerKeepExisting=G&iữ tệp đang có (nên chọn)
ExistingFileNewerOverwriteOrKeepAll=&Làm như vậy với các trường hợp trùng tiếp theo
ErrorChangingAttr=Có lỗi khi đổi thuộc tính của tệp đang có:
ErrorCreatingTemp=Có lỗi khi tạo tệp trong thư mục cài đặt:
ErrorReadingSource=Có lỗi khi đọc tệp nguồn:
ErrorCopying=Có lỗi khi chép tệp:
ErrorReplacingExistingFile=Có lỗi khi thay tệp đang có:
ErrorRestartReplace=RestartReplace không thành công:
ErrorRenamingTemp=Có lỗi khi đổi tên tệp trong thư mục cài đặt:
ErrorRegisterServer=Không đăng ký được DLL/OCX: %1
ErrorRegSvr32Failed=RegSvr32 không thành công, mã thoát %1
ErrorRegisterTypeLib=Không đăng ký được thư viện kiểu (type library): %1

; *** Ghi chú trong tên hiển thị khi gỡ cài đặt
; ví dụ 'Chương trình (32 bit)'
UninstallDisplayNameMark=%1 (%2)
; ví dụ 'Chương trình (32 bit, mọi người dùng)'
UninstallDisplayNameMarks=%1 (%2, %3)
UninstallDisplayNameMark32Bit=32 bit
UninstallDisplayNameMark64Bit=64 bit
UninstallDisplayNameMarkAllUsers=mọi người dùng
UninstallDisplayNameMarkCurrentUser=người dùng hiện tại

; *** Lỗi sau khi cài
ErrorOpeningReadme=Có lỗi khi mở tệp README.
ErrorRestartingComputer=Trình cài đặt không khởi động lại được máy. Hãy tự khởi động lại.

; *** Trình gỡ cài đặt
UninstallNotFound=Tệp "%1" không tồn tại. Không gỡ cài đặt được.
UninstallOpenError=Không mở được tệp "%1". Không gỡ cài đặt được
UninstallUnsupportedVer=Tệp nhật ký gỡ cài đặt "%1" có định dạng mà trình gỡ cài đặt phiên bản này không nhận ra. Không gỡ cài đặt được
UninstallUnknownEntry=Gặp một mục không rõ (%1) trong nhật ký gỡ cài đặt
ConfirmUninstall=Bạn có chắc muốn gỡ hoàn toàn %1 và mọi thành phần của nó?
UninstallOnlyOnWin64=Chỉ gỡ được bản cài này trên Windows 64 bit.
OnlyAdminCanUninstall=Chỉ người dùng có quyền quản trị mới gỡ được bản cài này.
UninstallStatusLabel=Hãy chờ trong khi gỡ %1 khỏi máy tính của bạn.
UninstalledAll=Đã gỡ xong %1 khỏi máy tính của bạn.
UninstalledMost=Đã gỡ xong %1.%n%nMột số mục không xóa được; bạn có thể tự xóa chúng.
UninstalledAndNeedsRestart=Để gỡ xong %1, cần khởi động lại máy.%n%nBạn có muốn khởi động lại ngay bây giờ?
UninstallDataCorrupted=Tệp "%1" bị hỏng. Không gỡ cài đặt được

; *** Trong khi gỡ cài đặt
ConfirmDeleteSharedFileTitle=Xóa tệp dùng chung?
ConfirmDeleteSharedFile2=Hệ thống cho biết tệp dùng chung sau không còn chương trình nào dùng. Bạn có muốn trình gỡ cài đặt xóa tệp này?%n%nNếu còn chương trình dùng tệp này mà tệp bị xóa, chương trình đó có thể chạy không đúng. Nếu không chắc, hãy chọn Không. Để tệp lại trên máy không gây hại gì.
SharedFileNameLabel=Tên tệp:
SharedFileLocationLabel=Vị trí:
WizardUninstalling=Tình trạng gỡ cài đặt
StatusUninstalling=Đang gỡ %1...

; *** Lý do chặn tắt máy
ShutdownBlockReasonInstallingApp=Đang cài %1.
ShutdownBlockReasonUninstallingApp=Đang gỡ %1.

; Các thông điệp riêng dưới đây trình cài đặt không tự dùng; kịch bản .iss dùng chúng qua {cm:…}.

[CustomMessages]

NameAndVersion=%1 phiên bản %2
AdditionalIcons=Lối tắt thêm:
CreateDesktopIcon=Tạo lối tắt ngoài &màn hình
CreateQuickLaunchIcon=Tạo lối tắt &Quick Launch
ProgramOnTheWeb=%1 trên mạng
UninstallProgram=Gỡ cài đặt %1
LaunchProgram=Mở %1
AssocFileExtension=&Gắn %1 với phần mở rộng tệp %2
AssocingFileExtension=Đang gắn %1 với phần mở rộng tệp %2...
AutoStartProgramGroupDescription=Khởi động cùng Windows:
AutoStartProgram=Tự mở %1 khi khởi động Windows
AddonHostProgramNotFound=Không tìm thấy %1 trong thư mục đã chọn.%n%nBạn vẫn muốn tiếp tục?
