; Inno Setup script for NKDesk on Windows (Inno Setup 6.3 or later).
;
; Build on Windows, from the project folder, after building the bundle with the same spec:
;     py -3.11 scripts\build_package.py          (runs ISCC itself when it is on PATH), or
;     ISCC /DAppVersion=0.1.0 /DSourceDir=dist\NKDesk /Odist packaging\windows\nkdesk.iss
;
; What it does, and why:
; - installs per machine into Program Files (administrator rights), so every ward user runs the
;   same checked program and no user can change it;
; - writes nothing but the program: the database lives in each user's data folder, which NKDesk
;   finds itself with platformdirs (%LOCALAPPDATA%\NKDesk\nkdesk.sqlite3; --db or NKDESK_DB override
;   it), never in Program Files;
; - on uninstall removes only the program files it installed: databases, backups and the unit
;   cache in the users' folders stay where they are (trial records must outlive the program).
;
; Not built or run here: the project's machines are Linux, and Inno Setup runs only on Windows
; (see docs/site.md).

#ifndef AppVersion
  #error Pass the version from pyproject.toml: ISCC /DAppVersion=X.Y.Z ...
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\NKDesk"
#endif

[Setup]
; A fixed AppId makes an upgrade replace the earlier version in place (never change it).
AppId={{6A0E8C1B-3F4D-4E7A-9B2C-5D1E8F7A4B30}
AppName=NKDesk
AppVersion={#AppVersion}
AppVerName=NKDesk {#AppVersion}
AppPublisher=NKDesk project
DefaultDirName={autopf}\NKDesk
DefaultGroupName=NKDesk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 1809 or later.
MinVersion=10.0.17763
OutputBaseFilename=NKDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\nkdeskw.exe
; Upgrades: close a running NKDesk first, so its files can be replaced.
CloseApplications=yes
RestartApplications=no
ChangesEnvironment=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ja"; MessagesFile: "compiler:Languages\Japanese.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "addtopath"; Description: "Add nkdesk (the headless interface) to the system PATH"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder's libraries, so no file of an older Qt is left over.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\NKDesk"; Filename: "{app}\nkdeskw.exe"
Name: "{autodesktop}\NKDesk"; Filename: "{app}\nkdeskw.exe"; Tasks: desktopicon

[Registry]
; Only with the task: append the program folder to the machine PATH (removed again on uninstall).
Root: HKLM; Subkey: "SYSTEM\CurrentControlSet\Control\Session Manager\Environment"; \
    ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; \
    Tasks: addtopath; Check: NotOnPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\nkdeskw.exe"; Description: "{cm:LaunchProgram,NKDesk}"; Flags: nowait postinstall skipifsilent unchecked

; No [UninstallDelete] section: user data is never touched. The message below says where it is.

[Code]
function NotOnPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKLM, 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;

procedure RemoveFromPath(Dir: string);
var
  Path: string;
  P: Integer;
begin
  if not RegQueryStringValue(HKLM, 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path) then
    exit;
  P := Pos(';' + Uppercase(Dir), Uppercase(Path));
  if P > 0 then
  begin
    Delete(Path, P, Length(Dir) + 1);
    RegWriteExpandStringValue(HKLM, 'SYSTEM\CurrentControlSet\Control\Session Manager\Environment', 'Path', Path);
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if CurUninstallStep = usPostUninstall then
  begin
    RemoveFromPath(ExpandConstant('{app}'));
    if not UninstallSilent then
      MsgBox('NKDesk has been removed. The ward data was left in place: each user''s database, ' +
             'backups and settings are in %LOCALAPPDATA%\NKDesk (for example ' +
             ExpandConstant('{localappdata}') + '\NKDesk). Back it up or move it before deleting it.',
             mbInformation, MB_OK);
  end;
end;
