<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi_FI">
  <context>
    <name>App</name>
    <message>
      <location filename="../../ui/app.py" line="117" />
      <source>Beat Desk cannot start</source>
      <translation>Beat Desk ei voi käynnistyä</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="118" />
      <source>Try the demo without a keyring: desk --demo</source>
      <translation>Kokeile demoa ilman avainnippua: desk --demo</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="249" />
      <source>Next: connect the force's platform accounts on the Accounts screen.</source>
      <translation>Seuraavaksi: yhdistä poliisin palvelutilit Tilit-näkymässä.</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="282" />
      <source>The demo's simulated platforms are not part of this build yet; the desk opens empty.</source>
      <translation>Demon simuloidut palvelut eivät vielä kuulu tähän versioon; työpöytä avautuu tyhjänä.</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="290" />
      <source>Demo mode: starting the simulated platforms. Demo sign-in: {user} / {password}</source>
      <translation>Demotila: simuloidut palvelut käynnistyvät. Demon kirjautuminen: {user} / {password}</translation>
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../ui/crash.py" line="92" />
      <source>Beat Desk ran into a bug</source>
      <translation>Beat Deskissä tapahtui ohjelmavirhe</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="99" />
      <source>Something went wrong inside Beat Desk. Your work is saved and the desk keeps running. Please copy this report and send it to your administrator. It holds no passwords or tokens.</source>
      <translation>Beat Deskissä tapahtui virhe. Työsi on tallessa ja työpöytä toimii edelleen. Kopioi tämä raportti ja lähetä se ylläpitäjälle. Siinä ei ole salasanoja eikä tunnuksia.</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="112" />
      <source>Copy report</source>
      <translation>Kopioi raportti</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="116" />
      <source>Close</source>
      <translation>Sulje</translation>
    </message>
  </context>
  <context>
    <name>DeskMessages</name>
    <message>
      <location filename="../../ui/i18n.py" line="29" />
      <source>The user name or password is not right.</source>
      <extracomment>code -&gt; translatable source text (English, with ``{param}`` placeholders)</extracomment>
      <translation>Käyttäjätunnus tai salasana ei ole oikein.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="30" />
      <source>{username} is not allowed to {action}.</source>
      <translation>Käyttäjällä {username} ei ole oikeutta toimintoon: {action}.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="31" />
      <source>A user name needs letters or digits (and may use . _ -): {username!r}</source>
      <translation>Käyttäjätunnuksessa on oltava kirjaimia tai numeroita (sallittu myös . _ -): {username!r}</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="34" />
      <source>Give the person's name as colleagues know it.</source>
      <translation>Anna henkilön nimi niin kuin kollegat sen tuntevat.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="35" />
      <source>A password needs at least {n} characters.</source>
      <translation>Salasanassa on oltava vähintään {n} merkkiä.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="36" />
      <source>This desk already has users; sign in as an administrator.</source>
      <translation>Tällä työpöydällä on jo käyttäjiä; kirjaudu ylläpitäjänä.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="39" />
      <source>The user name {username} is taken.</source>
      <translation>Käyttäjätunnus {username} on jo käytössä.</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="40" />
      <source>Stored settings cannot be read: {detail}</source>
      <translation>Tallennettuja asetuksia ei voi lukea: {detail}</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="41" />
      <source>The account's sign-in has expired; reconnect it on the Accounts screen. ({detail})</source>
      <translation>Tilin kirjautuminen on vanhentunut; yhdistä se uudelleen Tilit-näkymässä. ({detail})</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="44" />
      <source>The platform asks us to slow down; the desk will try again later. ({detail})</source>
      <translation>Palvelu pyytää hidastamaan; työpöytä yrittää myöhemmin uudelleen. ({detail})</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="47" />
      <source>The platform refused: {detail}</source>
      <translation>Palvelu kieltäytyi: {detail}</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="48" />
      <source>The platform could not be reached; nothing was sent. ({detail})</source>
      <translation>Palveluun ei saatu yhteyttä; mitään ei lähetetty. ({detail})</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="51" />
      <source>It is not known whether the platform received this; check before sending again. ({detail})</source>
      <translation>Ei tiedetä, saiko palvelu tämän; tarkista ennen kuin lähetät uudelleen. ({detail})</translation>
    </message>
    <message>
      <location filename="../../ui/i18n.py" line="54" />
      <source>The platform reported a problem: {detail}</source>
      <translation>Palvelu ilmoitti ongelmasta: {detail}</translation>
    </message>
  </context>
  <context>
    <name>FirstStartDialog</name>
    <message>
      <location filename="../../ui/signin.py" line="102" />
      <location filename="../../ui/signin.py" line="112" />
      <source>Welcome to Beat Desk</source>
      <translation>Tervetuloa Beat Deskiin</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="117" />
      <source>This desk has no users yet. Set it up for your station, or try it first with simulated residents on local stand-ins for the platforms.</source>
      <translation>Tällä työpöydällä ei ole vielä käyttäjiä. Ota se käyttöön asemallasi tai kokeile sitä ensin simuloitujen asukkaiden ja paikallisten palvelujäljitelmien kanssa.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="124" />
      <source>Set up this desk</source>
      <translation>Ota työpöytä käyttöön</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="127" />
      <source>Try the demo</source>
      <translation>Kokeile demoa</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="136" />
      <source>Create the administrator</source>
      <translation>Luo ylläpitäjä</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="139" />
      <source>The administrator adds people, connects accounts and changes settings.</source>
      <translation>Ylläpitäjä lisää henkilöt, yhdistää tilit ja muuttaa asetuksia.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="150" />
      <source>At least {n} characters</source>
      <translation>Vähintään {n} merkkiä</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="154" />
      <source>User name</source>
      <translation>Käyttäjätunnus</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="155" />
      <source>Full name</source>
      <translation>Koko nimi</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="156" />
      <source>Password</source>
      <translation>Salasana</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="157" />
      <source>Repeat password</source>
      <translation>Salasana uudelleen</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="165" />
      <source>Back</source>
      <translation>Takaisin</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="167" />
      <source>Create administrator</source>
      <translation>Luo ylläpitäjä</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="180" />
      <source>The desk is set up</source>
      <translation>Työpöytä on otettu käyttöön</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="185" />
      <source>You are signed in as the administrator. Next, connect the force's platform accounts on the Accounts screen, and add your colleagues.</source>
      <translation>Olet kirjautunut ylläpitäjänä. Yhdistä seuraavaksi poliisin palvelutilit Tilit-näkymässä ja lisää kollegasi.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="192" />
      <source>Open the desk</source>
      <translation>Avaa työpöytä</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="207" />
      <source>The two passwords differ.</source>
      <translation>Salasanat eivät täsmää.</translation>
    </message>
  </context>
  <context>
    <name>LockScreen</name>
    <message>
      <location filename="../../ui/signin.py" line="247" />
      <source>Beat Desk is locked</source>
      <translation>Beat Desk on lukittu</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="251" />
      <source>Signed in: {name} ({username}). Enter the password to continue.</source>
      <translation>Kirjautuneena: {name} ({username}). Jatka antamalla salasana.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="261" />
      <source>Password</source>
      <translation>Salasana</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="269" />
      <source>Switch user</source>
      <translation>Vaihda käyttäjää</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="271" />
      <source>Unlock</source>
      <translation>Avaa lukitus</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="290" />
      <source>That is not the password of {name}.</source>
      <translation>Salasana ei kuulu käyttäjälle {name}.</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="105" />
      <source>DEMO MODE — simulated residents on local stand-ins for the platforms. Nothing here reaches a real platform, and this is not the real desk's database.</source>
      <translation>DEMOTILA — simuloidut asukkaat ja paikalliset palvelujäljitelmät. Mikään ei päädy oikeisiin palveluihin, eikä tämä ole oikean työpöydän tietokanta.</translation>
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
      <translation>{title} — DEMOTILA</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="241" />
      <source>{name} · {roles}</source>
      <translation>{name} · {roles}</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="242" />
      <source>Signed in as {username}</source>
      <translation>Kirjautuneena käyttäjänä {username}</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="248" />
      <source>● No accounts connected</source>
      <translation>● Ei yhdistettyjä tilejä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="249" />
      <source>● Online</source>
      <translation>● Yhteydessä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="250" />
      <source>● Some platforms unreachable</source>
      <translation>● Osa palveluista ei vastaa</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="251" />
      <source>● Offline</source>
      <translation>● Ei yhteyttä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="258" />
      <source>Rate limits OK</source>
      <translation>Käyttörajat kunnossa</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="259" />
      <source>Rate limits low</source>
      <translation>Käyttörajat vähissä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="260" />
      <source>Rate limited</source>
      <translation>Käyttöraja täynnä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="275" />
      <source>&amp;Desk</source>
      <translation>&amp;Työpöytä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="276" />
      <source>&amp;View</source>
      <translation>&amp;Näytä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="277" />
      <source>&amp;Help</source>
      <translation>&amp;Ohje</translation>
    </message>
  </context>
  <context>
    <name>Roles</name>
    <message>
      <location filename="../../ui/main_window.py" line="31" />
      <source>Officer</source>
      <translation>Poliisi</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="32" />
      <source>Press officer</source>
      <translation>Viestintäasiantuntija</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="33" />
      <source>Supervisor</source>
      <translation>Esimies</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="34" />
      <source>Administrator</source>
      <translation>Ylläpitäjä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="35" />
      <source>Runner</source>
      <translation>Taustaprosessi</translation>
    </message>
  </context>
  <context>
    <name>Screens</name>
    <message>
      <location filename="../../ui/screens.py" line="64" />
      <source>Inbox</source>
      <translation>Saapuneet</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="65" />
      <location filename="../../ui/screens.py" line="76" />
      <source>the inbox and feeds issue (#4)</source>
      <translation>saapuneiden ja syötteiden työn (#4)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="66" />
      <source>Every mention, comment and direct message from all five platforms in one list, triaged, assigned and answered from here.</source>
      <translation>Jokainen maininta, kommentti ja yksityisviesti kaikista viidestä palvelusta yhdessä listassa, luokiteltuna, jaettuna ja vastattuna täältä.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="75" />
      <source>Feeds</source>
      <translation>Syötteet</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="77" />
      <source>Live columns of searches, lists and hashtags across the platforms.</source>
      <translation>Reaaliaikaiset sarakkeet hauista, listoista ja aihetunnisteista kaikissa palveluissa.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="82" />
      <source>Compose</source>
      <translation>Kirjoita</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="83" />
      <location filename="../../ui/screens.py" line="93" />
      <location filename="../../ui/screens.py" line="107" />
      <source>the publishing issue (#5)</source>
      <translation>julkaisutyön (#5)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="84" />
      <source>Write one post for several accounts, checked against each platform's limits and the privacy guard.</source>
      <translation>Kirjoita yksi julkaisu usealle tilille, tarkistettuna kunkin palvelun rajoja ja yksityisyyssuojaa vasten.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="92" />
      <source>Calendar</source>
      <translation>Kalenteri</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="94" />
      <source>Scheduled posts and campaigns by day and week, with approvals.</source>
      <translation>Ajastetut julkaisut ja kampanjat päivittäin ja viikoittain, hyväksyntöineen.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="99" />
      <source>Tweetathon</source>
      <translation>Twiittimaraton</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="100" />
      <source>the tweetathon issue (#6)</source>
      <translation>twiittimaratonin työn (#6)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="101" />
      <source>Mirror control-room calls as safe, paced public posts, with an incident stop.</source>
      <translation>Hätäkeskuksen tehtävät turvallisina, tahditettuina julkisina julkaisuina, hätäpysäytyksen kanssa.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="106" />
      <source>Patrol log</source>
      <translation>Partioloki</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="108" />
      <source>A shift's running log of patrol updates, posted as a thread.</source>
      <translation>Vuoron juokseva partioloki, julkaistuna ketjuna.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="113" />
      <source>Reports</source>
      <translation>Raportit</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="114" />
      <location filename="../../ui/screens.py" line="130" />
      <source>the supervisor review issue (#7)</source>
      <translation>esimiesseurannan työn (#7)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="115" />
      <source>Volumes, response times and campaign results, with charts and PDF or CSV export.</source>
      <translation>Määrät, vasteajat ja kampanjoiden tulokset kaavioineen, PDF- ja CSV-vienti.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="122" />
      <source>Accounts</source>
      <translation>Tilit</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="123" />
      <source>the platforms issue (#3)</source>
      <translation>palveluyhteyksien työn (#3)</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="124" />
      <source>Connect the force's accounts on X, Facebook, Instagram, Mastodon and Bluesky.</source>
      <translation>Yhdistä poliisin tilit X:ssä, Facebookissa, Instagramissa, Mastodonissa ja Blueskyssa.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="129" />
      <source>Audit</source>
      <translation>Tapahtumaloki</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="131" />
      <source>Who did what and when, filtered and exported, with the chain's verification status.</source>
      <translation>Kuka teki mitä ja milloin, suodatettuna ja vietynä, ketjun tarkistuksen tilan kera.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="138" />
      <source>Settings</source>
      <translation>Asetukset</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="140" />
      <source>The desk's settings.</source>
      <translation>Työpöydän asetukset.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="244" />
      <source>{screen} arrives with {issue}: {purpose}</source>
      <extracomment>Where each screen's package lives. A package registers its page from a ``register()`` function; it is imported on the screen's first visit, so screens that are not shown cost nothing at start.</extracomment>
      <translation>{screen} tulee {issue} myötä: {purpose}</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="255" />
      <source>This screen is not built yet.</source>
      <translation>Tätä näkymää ei ole vielä rakennettu.</translation>
    </message>
    <message>
      <location filename="../../ui/screens.py" line="274" />
      <source>{screen} could not be opened. The rest of the desk works; a crash report was shown.</source>
      <translation>Näkymää {screen} ei voitu avata. Muu työpöytä toimii; virheraportti näytettiin.</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../ui/settings_dialog.py" line="330" />
      <source>Beat Desk settings</source>
      <translation>Beat Deskin asetukset</translation>
    </message>
  </context>
  <context>
    <name>SettingsForm</name>
    <message>
      <location filename="../../ui/settings_dialog.py" line="165" />
      <source>General</source>
      <extracomment>Fields the desk maintains itself; never shown for editing.</extracomment>
      <translation>Yleiset</translation>
    </message>
  </context>
  <context>
    <name>SettingsPanel</name>
    <message>
      <location filename="../../ui/settings_dialog.py" line="267" />
      <source>Settings</source>
      <translation>Asetukset</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="274" />
      <source>Only an administrator can change these settings; you can read them here.</source>
      <translation>Vain ylläpitäjä voi muuttaa näitä asetuksia; voit lukea ne täältä.</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="276" />
      <source>Changes are saved for everyone at this desk and recorded in the audit log.</source>
      <translation>Muutokset tallentuvat kaikille tämän työpöydän käyttäjille ja kirjataan tapahtumalokiin.</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="289" />
      <source>Save settings</source>
      <translation>Tallenna asetukset</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="303" />
      <source>Saving…</source>
      <translation>Tallennetaan…</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="307" />
      <source>Saved.</source>
      <translation>Tallennettu.</translation>
    </message>
    <message>
      <location filename="../../ui/settings_dialog.py" line="313" />
      <source>Not saved.</source>
      <translation>Ei tallennettu.</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <location filename="../../ui/main_window.py" line="319" />
      <source>Open the settings</source>
      <translation>Avaa asetukset</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="320" />
      <source>Lock the desk</source>
      <translation>Lukitse työpöytä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="321" />
      <source>Switch user</source>
      <translation>Vaihda käyttäjää</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="322" />
      <source>Switch between light and dark theme</source>
      <translation>Vaihda vaalean ja tumman teeman välillä</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="323" />
      <source>Show the keyboard shortcuts</source>
      <translation>Näytä pikanäppäimet</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="324" />
      <source>Quit Beat Desk</source>
      <translation>Lopeta Beat Desk</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="325" />
      <source>Window</source>
      <translation>Ikkuna</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="326" />
      <source>Screens</source>
      <translation>Näkymät</translation>
    </message>
  </context>
  <context>
    <name>ShortcutsHelpDialog</name>
    <message>
      <location filename="../../ui/shortcuts.py" line="105" />
      <source>Keyboard shortcuts</source>
      <translation>Pikanäppäimet</translation>
    </message>
    <message>
      <location filename="../../ui/shortcuts.py" line="107" />
      <source>These keys work anywhere in the Beat Desk window.</source>
      <translation>Nämä näppäimet toimivat kaikkialla Beat Deskin ikkunassa.</translation>
    </message>
    <message>
      <location filename="../../ui/shortcuts.py" line="110" />
      <source>Keys</source>
      <translation>Näppäimet</translation>
    </message>
    <message>
      <location filename="../../ui/shortcuts.py" line="110" />
      <source>Action</source>
      <translation>Toiminto</translation>
    </message>
    <message>
      <location filename="../../ui/shortcuts.py" line="110" />
      <source>Where</source>
      <translation>Missä</translation>
    </message>
  </context>
  <context>
    <name>SignInDialog</name>
    <message>
      <location filename="../../ui/signin.py" line="36" />
      <source>Sign in to Beat Desk</source>
      <translation>Kirjaudu Beat Deskiin</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="39" />
      <location filename="../../ui/signin.py" line="64" />
      <source>Sign in</source>
      <translation>Kirjaudu</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="43" />
      <source>DEMO MODE: nothing here reaches a real platform.</source>
      <translation>DEMOTILA: mikään ei päädy oikeisiin palveluihin.</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="52" />
      <source>User name</source>
      <translation>Käyttäjätunnus</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="53" />
      <source>Password</source>
      <translation>Salasana</translation>
    </message>
    <message>
      <location filename="../../ui/signin.py" line="62" />
      <source>Cancel</source>
      <translation>Peruuta</translation>
    </message>
  </context>
  <context>
    <name>SignedOutCover</name>
    <message>
      <location filename="../../ui/session.py" line="228" />
      <source>Signed out. Waiting for the next person to sign in.</source>
      <translation>Uloskirjauduttu. Odotetaan seuraavan henkilön kirjautumista.</translation>
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