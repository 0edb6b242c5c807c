; Inno Setup script: the Windows installer of Soạn báo cáo (built, installed and uninstalled under Wine by
; tools/build_windows_wine.sh, which CI runs).
;
;   iscc /DAppVersion=0.1.0 installer\SoanBaoCao.iss     (after: pyinstaller build.spec)
;   iscc /DAppVersion=0.1.0 /DBundleDir=X:\path\SoanBaoCao /OX:\out installer\SoanBaoCao.iss
;
; Per-user install without administrator rights into %LOCALAPPDATA%\Programs\SoanBaoCao. A new version
; installs over the old one (same AppId, never change it). The clerks' libraries and settings live in
; %APPDATA%\SoanBaoCao and are never touched by install, update or uninstall.
; The wizard speaks Vietnamese with any compiler: installer\Vietnamese.isl is our translation of every message
; of Inno Setup 6.4.1's Default.isl (the npm package innosetup has no Languages\Vietnamese.isl before 6.5), laid
; over the compiler's own Default.isl, so a newer compiler's new messages show in English instead of failing
; (tools/build_windows_wine.sh checks with tools/isl_messages.py that none is missing). This file is UTF-8 with
; a BOM: Inno Setup reads a script without one as ANSI and would garble the Vietnamese.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z installer\SoanBaoCao.iss
#endif
#define AppName "Soạn báo cáo"
#define AppExe "SoanBaoCao.exe"
#ifndef BundleDir
  #define BundleDir "..\dist\SoanBaoCao"
#endif

[Setup]
AppId={{050DE647-8213-40C1-AAC5-4A8B05C901FA}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
PrivilegesRequired=lowest
; Where Windows puts per-user programs (FOLDERID_UserProgramFiles: what {autopf} means with
; PrivilegesRequired=lowest, spelled out because Wine cannot expand {autopf}).
DefaultDirName={localappdata}\Programs\SoanBaoCao
DisableProgramGroupPage=yes
; Qt 6 runs on 64-bit Windows 10 (1809) and later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
WizardStyle=modern
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist\installer
OutputBaseFilename=SoanBaoCao-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
; An update closes a running copy first (every edit is already saved, so nothing is lost).
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl,Vietnamese.isl"
#pragma message "Wizard messages: installer\Vietnamese.isl (Vietnamese) over compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The previous version's program files (never the user's data): no stale module shadows a new one.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: uninstalling removes the program folder only. The libraries (.db), settings and
; logs in %APPDATA%\SoanBaoCao, and any library the clerk saved elsewhere, stay.
