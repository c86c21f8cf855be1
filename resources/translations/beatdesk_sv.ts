<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="sv_SE">
  <context>
    <name>App</name>
    <message>
      <location filename="../../ui/app.py" line="117" />
      <source>Beat Desk cannot start</source>
      <translation>Beat Desk kan inte starta</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="118" />
      <source>Try the demo without a keyring: desk --demo</source>
      <translation>Prova demon utan nyckelring: desk --demo</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="249" />
      <source>Next: connect the force's platform accounts on the Accounts screen.</source>
      <translation>Nästa steg: anslut polisens plattformskonton i vyn Konton.</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="282" />
      <source>The demo's simulated platforms are not part of this build yet; the desk opens empty.</source>
      <translation>Demons simulerade plattformar ingår inte i den här versionen ännu; skrivbordet öppnas tomt.</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="290" />
      <source>Demo mode: starting the simulated platforms. Demo sign-in: {user} / {password}</source>
      <translation>Demoläge: de simulerade plattformarna startar. Demoinloggning: {user} / {password}</translation>
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../ui/crash.py" line="92" />
      <source>Beat Desk ran into a bug</source>
      <translation>Beat Desk stötte på ett programfel</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="99" />
      <source>Something went wrong inside Beat Desk. Your work is saved and the desk keeps running. Please copy this report and send it to your administrator. It holds no passwords or tokens.</source>
      <translation>Något gick fel i Beat Desk. Ditt arbete är sparat och skrivbordet fortsätter att fungera. Kopiera rapporten och skicka den till din administratör. Den innehåller inga lösenord eller token.</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="112" />
      <source>Copy report</source>
      <translation>Kopiera rapporten</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="116" />
      <source>Close</source>
      <translation>Stäng</translation>
    </message>
  </context>
  <context>
    <name>DeskMessages</name>
    <message>
      <location filename="../../ui/i18n.py" line="29" />
      <source>The user name or password is not right.</source>
      <extracomment>code -&gt; translatable source text (English, with ``{param}`` placeholders)</extracomment>
      <translation>Användarnamnet eller lösenordet är fel.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="30" />
      <source>{username} is not allowed to {action}.</source>
      <translation>{username} har inte behörighet att {action}.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="31" />
      <source>A user name needs letters or digits (and may use . _ -): {username!r}</source>
      <translation>Ett användarnamn behöver bokstäver eller siffror (och får innehålla . _ -): {username!r}</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="34" />
      <source>Give the person's name as colleagues know it.</source>
      <translation>Ange personens namn så som kollegerna känner till det.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="35" />
      <source>A password needs at least {n} characters.</source>
      <translation>Ett lösenord behöver minst {n} tecken.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="36" />
      <source>This desk already has users; sign in as an administrator.</source>
      <translation>Skrivbordet har redan användare; logga in som administratör.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="39" />
      <source>The user name {username} is taken.</source>
      <translation>Användarnamnet {username} är upptaget.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="40" />
      <source>Stored settings cannot be read: {detail}</source>
      <translation>De sparade inställningarna kan inte läsas: {detail}</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="41" />
      <source>The account's sign-in has expired; reconnect it on the Accounts screen. ({detail})</source>
      <translation>Kontots inloggning har gått ut; anslut det på nytt i vyn Konton. ({detail})</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="44" />
      <source>The platform asks us to slow down; the desk will try again later. ({detail})</source>
      <translation>Plattformen ber oss sakta ner; skrivbordet försöker igen senare. ({detail})</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="47" />
      <source>The platform refused: {detail}</source>
      <translation>Plattformen avvisade: {detail}</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="48" />
      <source>The platform could not be reached; nothing was sent. ({detail})</source>
      <translation>Plattformen gick inte att nå; inget skickades. ({detail})</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="51" />
      <source>It is not known whether the platform received this; check before sending again. ({detail})</source>
      <translation>Det är okänt om plattformen tog emot detta; kontrollera innan du skickar igen. ({detail})</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="54" />
      <source>The platform reported a problem: {detail}</source>
      <translation>Plattformen rapporterade ett problem: {detail}</translation>
    </message>
  </context>
  <context>
    <name>FirstStartDialog</name>
    <message>
      <location filename="../../ui/signin.py" line="102" />
      <location filename="../../ui/signin.py" line="112" />
      <source>Welcome to Beat Desk</source>
      <translation>Välkommen till Beat Desk</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="117" />
      <source>This desk has no users yet. Set it up for your station, or try it first with simulated residents on local stand-ins for the platforms.</source>
      <translation>Skrivbordet har inga användare ännu. Ta det i bruk för din station, eller prova det först med simulerade invånare och lokala ersättare för plattformarna.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="124" />
      <source>Set up this desk</source>
      <translation>Ta skrivbordet i bruk</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="127" />
      <source>Try the demo</source>
      <translation>Prova demon</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="136" />
      <source>Create the administrator</source>
      <translation>Skapa administratören</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="139" />
      <source>The administrator adds people, connects accounts and changes settings.</source>
      <translation>Administratören lägger till personer, ansluter konton och ändrar inställningar.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="150" />
      <source>At least {n} characters</source>
      <translation>Minst {n} tecken</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="154" />
      <source>User name</source>
      <translation>Användarnamn</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="155" />
      <source>Full name</source>
      <translation>Fullständigt namn</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="156" />
      <source>Password</source>
      <translation>Lösenord</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="157" />
      <source>Repeat password</source>
      <translation>Upprepa lösenordet</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="165" />
      <source>Back</source>
      <translation>Tillbaka</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="167" />
      <source>Create administrator</source>
      <translation>Skapa administratör</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="180" />
      <source>The desk is set up</source>
      <translation>Skrivbordet är i bruk</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="185" />
      <source>You are signed in as the administrator. Next, connect the force's platform accounts on the Accounts screen, and add your colleagues.</source>
      <translation>Du är inloggad som administratör. Anslut sedan polisens plattformskonton i vyn Konton och lägg till dina kolleger.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="192" />
      <source>Open the desk</source>
      <translation>Öppna skrivbordet</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="207" />
      <source>The two passwords differ.</source>
      <translation>Lösenorden stämmer inte överens.</translation>
    </message>
  </context>
  <context>
    <name>LockScreen</name>
    <message>
      <location filename="../../ui/signin.py" line="247" />
      <source>Beat Desk is locked</source>
      <translation>Beat Desk är låst</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="251" />
      <source>Signed in: {name} ({username}). Enter the password to continue.</source>
      <translation>Inloggad: {name} ({username}). Ange lösenordet för att fortsätta.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="261" />
      <source>Password</source>
      <translation>Lösenord</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="269" />
      <source>Switch user</source>
      <translation>Byt användare</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="271" />
      <source>Unlock</source>
      <translation>Lås upp</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="290" />
      <source>That is not the password of {name}.</source>
      <translation>Det är inte lösenordet för {name}.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="105" />
      <source>DEMO MODE — simulated residents on local stand-ins for the platforms. Nothing here reaches a real platform, and this is not the real desk's database.</source>
      <translation>DEMOLÄGE — simulerade invånare och lokala ersättare för plattformarna. Inget når en riktig plattform, och detta är inte det riktiga skrivbordets databas.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="124" />
      <location filename="../../ui/main_window.py" line="172" />
      <source>Beat Desk</source>
      <translation>Beat Desk</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="149" />
      <source>{screen} (Ctrl+{n})</source>
      <translation>{screen} (Ctrl+{n})</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="174" />
      <source>{title} — DEMO MODE</source>
      <translation>{title} — DEMOLÄGE</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="241" />
      <source>{name} · {roles}</source>
      <translation>{name} · {roles}</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="242" />
      <source>Signed in as {username}</source>
      <translation>Inloggad som {username}</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="248" />
      <source>● No accounts connected</source>
      <translation>● Inga anslutna konton</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="249" />
      <source>● Online</source>
      <translation>● Ansluten</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="250" />
      <source>● Some platforms unreachable</source>
      <translation>● Vissa plattformar svarar inte</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="251" />
      <source>● Offline</source>
      <translation>● Ingen anslutning</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="258" />
      <source>Rate limits OK</source>
      <translation>Anropsgränser OK</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="259" />
      <source>Rate limits low</source>
      <translation>Anropsgränser nästan nådda</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="260" />
      <source>Rate limited</source>
      <translation>Anropsgräns nådd</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="275" />
      <source>&amp;Desk</source>
      <translation>&amp;Skrivbord</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="276" />
      <source>&amp;View</source>
      <translation>&amp;Visa</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="277" />
      <source>&amp;Help</source>
      <translation>&amp;Hjälp</translation>
    </message>
  </context>
  <context>
    <name>Roles</name>
    <message>
      <location filename="../../ui/main_window.py" line="31" />
      <source>Officer</source>
      <translation>Polis</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="32" />
      <source>Press officer</source>
      <translation>Kommunikatör</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="33" />
      <source>Supervisor</source>
      <translation>Förman</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="34" />
      <source>Administrator</source>
      <translation>Administratör</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="35" />
      <source>Runner</source>
      <translation>Bakgrundsprocess</translation>
    </message>
  </context>
  <context>
    <name>Screens</name>
    <message>
      <location filename="../../ui/screens.py" line="64" />
      <source>Inbox</source>
      <translation>Inkorg</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="65" />
      <location filename="../../ui/screens.py" line="76" />
      <source>the inbox and feeds issue (#4)</source>
      <translation>arbetet med inkorg och flöden (#4)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="66" />
      <source>Every mention, comment and direct message from all five platforms in one list, triaged, assigned and answered from here.</source>
      <translation>Varje omnämnande, kommentar och direktmeddelande från alla fem plattformar i en lista, sorterade, tilldelade och besvarade härifrån.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="75" />
      <source>Feeds</source>
      <translation>Flöden</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="77" />
      <source>Live columns of searches, lists and hashtags across the platforms.</source>
      <translation>Levande kolumner med sökningar, listor och hashtaggar över plattformarna.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="82" />
      <source>Compose</source>
      <translation>Skriv</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="83" />
      <location filename="../../ui/screens.py" line="93" />
      <location filename="../../ui/screens.py" line="107" />
      <source>the publishing issue (#5)</source>
      <translation>publiceringsarbetet (#5)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="84" />
      <source>Write one post for several accounts, checked against each platform's limits and the privacy guard.</source>
      <translation>Skriv ett inlägg för flera konton, kontrollerat mot varje plattforms gränser och integritetsskyddet.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="92" />
      <source>Calendar</source>
      <translation>Kalender</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="94" />
      <source>Scheduled posts and campaigns by day and week, with approvals.</source>
      <translation>Schemalagda inlägg och kampanjer per dag och vecka, med godkännanden.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="99" />
      <source>Tweetathon</source>
      <translation>Tweetathon</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="100" />
      <source>the tweetathon issue (#6)</source>
      <translation>tweetathon-arbetet (#6)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="101" />
      <source>Mirror control-room calls as safe, paced public posts, with an incident stop.</source>
      <translation>Ledningscentralens uppdrag som säkra, taktade offentliga inlägg, med nödstopp.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="106" />
      <source>Patrol log</source>
      <translation>Patrullogg</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="108" />
      <source>A shift's running log of patrol updates, posted as a thread.</source>
      <translation>Ett skifts löpande logg över patrulluppdateringar, publicerad som tråd.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="113" />
      <source>Reports</source>
      <translation>Rapporter</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="114" />
      <location filename="../../ui/screens.py" line="130" />
      <source>the supervisor review issue (#7)</source>
      <translation>arbetet med förmansuppföljning (#7)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="115" />
      <source>Volumes, response times and campaign results, with charts and PDF or CSV export.</source>
      <translation>Volymer, svarstider och kampanjresultat, med diagram och export till PDF eller CSV.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="122" />
      <source>Accounts</source>
      <translation>Konton</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="123" />
      <source>the platforms issue (#3)</source>
      <translation>plattformsarbetet (#3)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="124" />
      <source>Connect the force's accounts on X, Facebook, Instagram, Mastodon and Bluesky.</source>
      <translation>Anslut polisens konton på X, Facebook, Instagram, Mastodon och Bluesky.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="129" />
      <source>Audit</source>
      <translation>Granskningslogg</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="131" />
      <source>Who did what and when, filtered and exported, with the chain's verification status.</source>
      <translation>Vem gjorde vad och när, filtrerat och exporterat, med kedjans verifieringsstatus.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="138" />
      <source>Settings</source>
      <translation>Inställningar</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="140" />
      <source>The desk's settings.</source>
      <translation>Skrivbordets inställningar.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="244" />
      <source>{screen} arrives with {issue}: {purpose}</source>
      <extracomment>Where each screen's package lives. A package registers its page from a ``register()`` function; it is imported on the screen's first visit, so screens that are not shown cost nothing at start.</extracomment>
      <translation>{screen} kommer med {issue}: {purpose}</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="255" />
      <source>This screen is not built yet.</source>
      <translation>Den här vyn är inte byggd ännu.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="274" />
      <source>{screen} could not be opened. The rest of the desk works; a crash report was shown.</source>
      <translation>{screen} kunde inte öppnas. Resten av skrivbordet fungerar; en felrapport visades.</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../ui/settings_dialog.py" line="330" />
      <source>Beat Desk settings</source>
      <translation>Inställningar för Beat Desk</translation>
    </message>
  </context>
  <context>
    <name>SettingsForm</name>
    <message>
      <location filename="../../ui/settings_dialog.py" line="165" />
      <source>General</source>
      <extracomment>Fields the desk maintains itself; never shown for editing.</extracomment>
      <translation>Allmänt</translation>
    </message>
  </context>
  <context>
    <name>SettingsPanel</name>
    <message>
      <location filename="../../ui/settings_dialog.py" line="267" />
      <source>Settings</source>
      <translation>Inställningar</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="274" />
      <source>Only an administrator can change these settings; you can read them here.</source>
      <translation>Endast en administratör kan ändra inställningarna; du kan läsa dem här.</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="276" />
      <source>Changes are saved for everyone at this desk and recorded in the audit log.</source>
      <translation>Ändringar sparas för alla vid detta skrivbord och registreras i granskningsloggen.</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="289" />
      <source>Save settings</source>
      <translation>Spara inställningar</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="303" />
      <source>Saving…</source>
      <translation>Sparar…</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="307" />
      <source>Saved.</source>
      <translation>Sparat.</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="313" />
      <source>Not saved.</source>
      <translation>Inte sparat.</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <location filename="../../ui/main_window.py" line="319" />
      <source>Open the settings</source>
      <translation>Öppna inställningarna</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="320" />
      <source>Lock the desk</source>
      <translation>Lås skrivbordet</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="321" />
      <source>Switch user</source>
      <translation>Byt användare</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="322" />
      <source>Switch between light and dark theme</source>
      <translation>Växla mellan ljust och mörkt tema</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="323" />
      <source>Show the keyboard shortcuts</source>
      <translation>Visa kortkommandon</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="324" />
      <source>Quit Beat Desk</source>
      <translation>Avsluta Beat Desk</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="325" />
      <source>Window</source>
      <translation>Fönster</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="326" />
      <source>Screens</source>
      <translation>Vyer</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsHelpDialog</name>
    <message>
      <location filename="../../ui/shortcuts.py" line="105" />
      <source>Keyboard shortcuts</source>
      <translation>Kortkommandon</translation>
    </message>
    <message>
      <location filename="../../ui/shortcuts.py" line="107" />
      <source>These keys work anywhere in the Beat Desk window.</source>
      <translation>Dessa tangenter fungerar överallt i Beat Desk-fönstret.</translation>
    </message>
    <message>
      <location filename="../../ui/shortcuts.py" line="110" />
      <source>Keys</source>
      <translation>Tangenter</translation>
    </message>
    <message>
      <location filename="../../ui/shortcuts.py" line="110" />
      <source>Action</source>
      <translation>Åtgärd</translation>
    </message>
    <message>
      <location filename="../../ui/shortcuts.py" line="110" />
      <source>Where</source>
      <translation>Var</translation>
    </message>
  </context>
  <context>
    <name>SignInDialog</name>
    <message>
      <location filename="../../ui/signin.py" line="36" />
      <source>Sign in to Beat Desk</source>
      <translation>Logga in i Beat Desk</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="39" />
      <location filename="../../ui/signin.py" line="64" />
      <source>Sign in</source>
      <translation>Logga in</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="43" />
      <source>DEMO MODE: nothing here reaches a real platform.</source>
      <translation>DEMOLÄGE: inget här når en riktig plattform.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="52" />
      <source>User name</source>
      <translation>Användarnamn</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="53" />
      <source>Password</source>
      <translation>Lösenord</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="62" />
      <source>Cancel</source>
      <translation>Avbryt</translation>
    </message>
  </context>
  <context>
    <name>SignedOutCover</name>
    <message>
      <location filename="../../ui/session.py" line="228" />
      <source>Signed out. Waiting for the next person to sign in.</source>
      <translation>Utloggad. Väntar på att nästa person loggar in.</translation>
    </message>
  </context>
  <context>
    <name>TrayNotifier</name>
    <message>
      <location filename="../../ui/messages.py" line="204" />
      <location filename="../../ui/messages.py" line="214" />
      <source>Beat Desk</source>
      <translation>Beat Desk</translation>
    </message>
  </context>
</TS>