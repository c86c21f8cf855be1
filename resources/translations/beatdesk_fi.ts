<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fi_FI">
<context>
    <name></name>
    <message>
        <location filename="../../ui/feeds/screen.py" line="70"/>
        <source>Move left</source>
        <translation>Siirrä vasemmalle</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="70"/>
        <source>Move right</source>
        <translation>Siirrä oikealle</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="77"/>
        <source>Remove the column</source>
        <translation>Poista sarake</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="95"/>
        <location filename="../../ui/feeds/screen.py" line="142"/>
        <source>Reply</source>
        <translation>Vastaa</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="95"/>
        <location filename="../../ui/feeds/screen.py" line="142"/>
        <source>Open in inbox</source>
        <translation>Avaa saapuneissa</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="95"/>
        <location filename="../../ui/feeds/screen.py" line="142"/>
        <source>Copy link</source>
        <translation>Kopioi linkki</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="185"/>
        <source>Search words or #hashtag</source>
        <extracomment>A post&apos;s conversation should open in the inbox (platform, conversation key or post id). Reply to a post (the composer or the inbox takes it from here).</extracomment>
        <translation>Hakusanat tai #aihetunniste</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="187"/>
        <source>Add column</source>
        <translation>Lisää sarake</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="264"/>
        <source>Connect an account first.</source>
        <translation>Yhdistä ensin tili.</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="331"/>
        <source>A post on {handle} ({platform}) was not sent from the desk: “{text}”. Check who has access to the account.</source>
        <translation>Tilillä {handle} ({platform}) on julkaisu, jota ei lähetetty työpöydältä: ”{text}”. Tarkista, kenellä on pääsy tiliin.</translation>
    </message>
    <message>
        <location filename="../../ui/feeds/screen.py" line="353"/>
        <source>Link copied.</source>
        <translation>Linkki kopioitu.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="85"/>
        <location filename="../../ui/inbox/conversation.py" line="210"/>
        <source>No conversation selected</source>
        <extracomment>X counts direct messages per day per sender; shown beside a private reply on X.</extracomment>
        <translation>Keskustelua ei ole valittu</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="108"/>
        <source>Open (o)</source>
        <translation>Avoin (o)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="108"/>
        <source>Waiting (w)</source>
        <translation>Odottaa (w)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="108"/>
        <source>Close (c)</source>
        <translation>Sulje (c)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="116"/>
        <source>Assign to an officer or a team (a, then arrows and Enter)</source>
        <translation>Osoita käsittelijälle tai tiimille (a, sitten nuolet ja Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="128"/>
        <source>Add tag (t); &apos;-tag&apos; removes</source>
        <translation>Lisää tunniste (t); &apos;-tunniste&apos; poistaa</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="132"/>
        <source>Internal note (n), Enter saves</source>
        <translation>Sisäinen muistiinpano (n), Enter tallentaa</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="140"/>
        <source>Canned replies (Ctrl+K, then arrows and Enter)</source>
        <translation>Vakiovastaukset (Ctrl+K, sitten nuolet ja Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="145"/>
        <source>Private reply</source>
        <translation>Yksityinen vastaus</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="155"/>
        <source>Reply (r); Ctrl+Enter sends</source>
        <translation>Vastaa (r); Ctrl+Enter lähettää</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="165"/>
        <source>Send</source>
        <translation>Lähetä</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="185"/>
        <location filename="../../ui/inbox/screen.py" line="137"/>
        <source>Unassigned</source>
        <translation>Osoittamaton</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="189"/>
        <source>Team: {team}</source>
        <translation>Tiimi: {team}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="196"/>
        <source>Canned reply…</source>
        <translation>Vakiovastaus…</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="235"/>
        <source>No tags</source>
        <translation>Ei tunnisteita</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="246"/>
        <source>Being handled by {names}</source>
        <translation>Käsittelyssä: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="260"/>
        <source>The reply window has not opened: the person must write first.</source>
        <translation>Vastausikkuna ei ole auennut: henkilön on kirjoitettava ensin.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="265"/>
        <source>The {h}-hour reply window has closed.</source>
        <translation>{h} tunnin vastausikkuna on sulkeutunut.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="268"/>
        <source>The {h}-hour reply window closes in {left}.</source>
        <translation>{h} tunnin vastausikkuna sulkeutuu: {left} jäljellä.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="326"/>
        <source>The force</source>
        <translation>Poliisi</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="327"/>
        <source>private</source>
        <translation>yksityinen</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/conversation.py" line="327"/>
        <source>public</source>
        <translation>julkinen</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="42"/>
        <source>Open</source>
        <translation>Avaa</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="45"/>
        <source>Reply: call {number}</source>
        <translation>Vastaa: soita {number}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="49"/>
        <source>Acknowledge</source>
        <translation>Kuittaa</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="54"/>
        <source>Control room: who, how, reference</source>
        <translation>Kuka, miten, viite</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="57"/>
        <source>Handed to control room</source>
        <translation>Välitetty hätäkeskukseen</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="70"/>
        <source>Handed to the control room by phone</source>
        <translation>Välitetty hätäkeskukseen puhelimitse</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="85"/>
        <source>Acknowledged by {name}</source>
        <translation>Kuitannut: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="87"/>
        <source>&lt;b&gt;Not acknowledged&lt;/b&gt;</source>
        <translation>&lt;b&gt;Kuittaamatta&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="92"/>
        <source>&lt;b&gt;EMERGENCY&lt;/b&gt; on {platform} from @{who}: “{text}” · {ack}</source>
        <translation>&lt;b&gt;HÄTÄTILANNE&lt;/b&gt; palvelussa {platform}, lähettäjä @{who}: ”{text}” · {ack}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/emergency.py" line="98"/>
        <source> · {n} more</source>
        <translation> · lisäksi {n}</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/model.py" line="403"/>
        <source>Platform</source>
        <extracomment>Pages kept around the viewport (~1,600 rows): enough for fast scrolling back and forth. How long the full count waits after the first page arrived (so the first paint has the CPU to itself). How long the force aims to take to answer, by class (shown as the SLA clock on new and open items). per row, per column: role value → what the cell shows for it (built on first paint; SLA excluded) Emitted after a filter change has its count and first page (the view may paint). Emitted when the filter&apos;s full count is known. Emitted when any page arrives.</extracomment>
        <translation>Palvelu</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/model.py" line="514"/>
        <source>[graphic media hidden] </source>
        <translation>[järkyttävä sisältö piilotettu] </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/model.py" line="516"/>
        <source>[deleted] </source>
        <translation>[poistettu] </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/model.py" line="518"/>
        <source>[edited] </source>
        <translation>[muokattu] </translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="124"/>
        <source>Search (/)</source>
        <translation>Hae (/)</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="134"/>
        <source>All platforms</source>
        <translation>Kaikki palvelut</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="135"/>
        <source>All accounts</source>
        <translation>Kaikki tilit</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="136"/>
        <source>Any status</source>
        <translation>Kaikki tilat</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="137"/>
        <source>Anyone</source>
        <translation>Kuka vain</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="137"/>
        <location filename="../../ui/inbox/screen.py" line="354"/>
        <source>Mine</source>
        <translation>Omat</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="139"/>
        <source>Any class</source>
        <translation>Kaikki luokat</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="141"/>
        <source>Any time</source>
        <translation>Koko aika</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="146"/>
        <source>Tag</source>
        <translation>Tunniste</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="352"/>
        <source>All</source>
        <translation>Kaikki</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="353"/>
        <source>New</source>
        <translation>Uudet</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="355"/>
        <source>Emergencies</source>
        <translation>Hätätilanteet</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="356"/>
        <source>Waiting</source>
        <translation>Odottaa</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="531"/>
        <source>Reply queued.</source>
        <translation>Vastaus jonossa.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="601"/>
        <source>Emergency on {platform} from @{who}: acknowledge it and hand it to the control room.</source>
        <translation>Hätätilanne palvelussa {platform}, lähettäjä @{who}: kuittaa ja välitä hätäkeskukseen.</translation>
    </message>
    <message>
        <location filename="../../ui/inbox/screen.py" line="629"/>
        <source>Emergency reply queued.</source>
        <translation>Hätätilanteen vastaus jonossa.</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="75"/>
        <location filename="../../ui/tweetathon/screen.py" line="139"/>
        <source>Pause</source>
        <translation>Keskeytä</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="80"/>
        <source>Now</source>
        <translation>Nyt</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="98"/>
        <source>Calls per hour</source>
        <translation>Tehtäviä tunnissa</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="105"/>
        <source>Account</source>
        <translation>Tili</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="105"/>
        <source>Window</source>
        <translation>Aikaikkuna</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="105"/>
        <source>Posts left</source>
        <translation>Julkaisuja jäljellä</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="134"/>
        <source>No tweetathon is running in this desk.</source>
        <translation>Tällä työpöydällä ei ole käynnissä twiittimaratonia.</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="139"/>
        <source>Resume</source>
        <translation>Jatka</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="140"/>
        <source>paused</source>
        <translation>keskeytetty</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="140"/>
        <source>running</source>
        <translation>käynnissä</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="164"/>
        <source>Calls</source>
        <translation>Tehtävät</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="199"/>
        <source>{n} h</source>
        <translation>{n} h</translation>
    </message>
    <message>
        <location filename="../../ui/tweetathon/screen.py" line="200"/>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../ui/accounts/form.py" line="29"/>
        <source>API key</source>
        <translation>API-avain</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="30"/>
        <source>API key secret</source>
        <translation>API-avaimen salaisuus</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="31"/>
        <location filename="../../ui/accounts/form.py" line="43"/>
        <source>Access token</source>
        <translation>Käyttötunnus (access token)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="32"/>
        <source>Access token secret</source>
        <translation>Käyttötunnuksen salaisuus</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="35"/>
        <source>Facebook Page id</source>
        <translation>Facebook-sivun tunniste</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="36"/>
        <location filename="../../ui/accounts/form.py" line="41"/>
        <source>Page access token</source>
        <translation>Sivun käyttötunnus (access token)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="39"/>
        <source>Instagram professional account id</source>
        <translation>Instagram-ammattitilin tunniste</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="40"/>
        <source>Linked Facebook Page id</source>
        <translation>Liitetyn Facebook-sivun tunniste</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="45"/>
        <source>Handle or e-mail used to sign in</source>
        <translation>Kirjautumiseen käytetty käyttäjänimi tai sähköposti</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/form.py" line="46"/>
        <source>App password</source>
        <translation>Sovellussalasana</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="75"/>
        <source>Check the token or password, or create a new one on the platform, then verify again.</source>
        <translation>Tarkista tunnus tai salasana tai luo palvelussa uusi, ja tarkista sitten uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="78"/>
        <source>The platform asks to wait; try again later.</source>
        <translation>Palvelu pyytää odottamaan; yritä myöhemmin uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="79"/>
        <source>Correct what the platform names and verify again.</source>
        <translation>Korjaa palvelun mainitsema kohta ja tarkista uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="80"/>
        <source>Check the server address and the network, then verify again.</source>
        <translation>Tarkista palvelimen osoite ja verkkoyhteys, ja tarkista sitten uudelleen.</translation>
    </message>
</context>
<context>
    <name>AccountStatus</name>
    <message>
        <location filename="../../ui/accounts/screen.py" line="50"/>
        <source>connected</source>
        <translation>yhdistetty</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="51"/>
        <source>needs reconnecting</source>
        <translation>yhdistettävä uudelleen</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="52"/>
        <source>rate limited</source>
        <translation>käyttöraja täynnä</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="53"/>
        <source>suspended by the platform</source>
        <translation>palvelu on jäädyttänyt</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="54"/>
        <source>disabled</source>
        <translation>pois käytöstä</translation>
    </message>
</context>
<context>
    <name>AccountsScreen</name>
    <message>
        <location filename="../../ui/accounts/screen.py" line="300"/>
        <source>Accounts</source>
        <translation>Tilit</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="303"/>
        <source>Quarantine</source>
        <translation>Karanteeni</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="304"/>
        <source>Allow-list</source>
        <translation>Sallitut</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="313"/>
        <source>Connect an account…</source>
        <translation>Yhdistä tili…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="314"/>
        <location filename="../../ui/accounts/screen.py" line="403"/>
        <source>Reconnect</source>
        <translation>Yhdistä uudelleen</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="327"/>
        <location filename="../../ui/accounts/screen.py" line="413"/>
        <source>Only administrators connect accounts.</source>
        <translation>Vain ylläpitäjät yhdistävät tilejä.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Platform</source>
        <translation>Palvelu</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Handle</source>
        <translation>Käyttäjänimi</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Display name</source>
        <translation>Näyttönimi</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Server</source>
        <translation>Palvelin</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="334"/>
        <source>Status</source>
        <translation>Tila</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="345"/>
        <source>No accounts yet. An administrator connects them here.</source>
        <translation>Tilejä ei vielä ole. Ylläpitäjä yhdistää ne täällä.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="384"/>
        <source>{count} accounts, {attention} need attention</source>
        <translation>Tilejä {count}, joista {attention} vaatii huomiota</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="388"/>
        <source>{count} accounts, all connected</source>
        <translation>Tilejä {count}, kaikki yhdistetty</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="401"/>
        <source>Reconnect (needed)</source>
        <translation>Yhdistä uudelleen (tarpeen)</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="426"/>
        <source>What a sync received but could not read. The rest of the sync went on.</source>
        <translation>Mitä synkronointi sai mutta ei pystynyt lukemaan. Muu synkronointi jatkui.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="431"/>
        <source>Received</source>
        <translation>Vastaanotettu</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="431"/>
        <source>Account</source>
        <translation>Tili</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="431"/>
        <source>Reason</source>
        <translation>Syy</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="431"/>
        <source>Payload</source>
        <translation>Sisältö</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="468"/>
        <source>The force&apos;s public numbers and addresses: the privacy guard lets these pass in posts. Entries shipped with the desk are shown greyed and cannot be removed.</source>
        <translation>Poliisilaitoksen julkiset numerot ja osoitteet: tietosuojavahti päästää ne julkaisuihin. Työpöydän mukana tulleet rivit näkyvät harmaina eikä niitä voi poistaa.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="478"/>
        <source>Kind</source>
        <translation>Laji</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="478"/>
        <source>Value</source>
        <translation>Arvo</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="478"/>
        <source>Label</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="478"/>
        <source>Source</source>
        <translation>Lähde</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="491"/>
        <source>Phone</source>
        <translation>Puhelin</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="492"/>
        <source>E-mail</source>
        <translation>Sähköposti</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="493"/>
        <source>Address</source>
        <translation>Osoite</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="497"/>
        <source>e.g. 0295 419 800</source>
        <translation>esim. 0295 419 800</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="499"/>
        <source>e.g. Switchboard</source>
        <translation>esim. Vaihde</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="500"/>
        <source>Add</source>
        <translation>Lisää</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="501"/>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="528"/>
        <source>this force</source>
        <translation>tämä laitos</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="528"/>
        <source>shipped</source>
        <translation>valmiina</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="549"/>
        <source>{value} is allowed in posts now.</source>
        <translation>{value} on nyt sallittu julkaisuissa.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="560"/>
        <source>Select one of this force&apos;s entries to remove.</source>
        <translation>Valitse poistettavaksi jokin laitoksen omista riveistä.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="564"/>
        <source>Entries shipped with the desk cannot be removed.</source>
        <translation>Työpöydän mukana tulleita rivejä ei voi poistaa.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="570"/>
        <source>{value} was removed.</source>
        <translation>{value} poistettiin.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="124"/>
        <source>Beat Desk cannot start</source>
        <translation>Beat Desk ei voi käynnistyä</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="125"/>
        <source>Try the demo without a keyring: desk --demo</source>
        <translation>Kokeile demoa ilman avainnippua: desk --demo</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="425"/>
        <source>Next: connect the force&apos;s platform accounts on the Accounts screen.</source>
        <translation>Seuraavaksi: yhdistä poliisin palvelutilit Tilit-näkymässä.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="578"/>
        <source>The demo&apos;s simulated platforms are not part of this build yet; the desk opens empty.</source>
        <translation>Demon simuloidut palvelut eivät vielä kuulu tähän versioon; työpöytä avautuu tyhjänä.</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="586"/>
        <source>Demo mode: starting the simulated platforms. Demo sign-in: {user} / {password}</source>
        <translation>Demotila: simuloidut palvelut käynnistyvät. Demon kirjautuminen: {user} / {password}</translation>
    </message>
</context>
<context>
    <name>AttachmentRow</name>
    <message>
        <location filename="../../ui/widgets/photos.py" line="75"/>
        <location filename="../../ui/widgets/photos.py" line="77"/>
        <source>Removing metadata and blurring faces…</source>
        <translation>Poistetaan metatietoja ja sumennetaan kasvoja…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="82"/>
        <source>Alt text (required): describe the photo for screen readers</source>
        <translation>Vaihtoehtoinen teksti (pakollinen): kuvaile kuva ruudunlukijalle</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="83"/>
        <source>Alt text</source>
        <translation>Vaihtoehtoinen teksti</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="86"/>
        <source>Review blur…</source>
        <translation>Tarkista sumennus…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="88"/>
        <source>Remove</source>
        <translation>Poista</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/photos.py" line="112"/>
        <source>%n area(s) blurred, metadata removed.</source>
        <translation>
            <numerusform>%n alue sumennettu, metatiedot poistettu.</numerusform>
            <numerusform>%n aluetta sumennettu, metatiedot poistettu.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="116"/>
        <source>Smallest face that can be found: {px} px.</source>
        <translation>Pienin tunnistettava kasvo: {px} px.</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../ui/audit/screen.py" line="47"/>
        <source>No.</source>
        <translation>Nro</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="48"/>
        <source>When</source>
        <translation>Aika</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="49"/>
        <source>Person</source>
        <translation>Henkilö</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="50"/>
        <source>Workstation</source>
        <translation>Työasema</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="51"/>
        <source>Action</source>
        <translation>Toiminto</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="52"/>
        <source>Object</source>
        <translation>Kohde</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="53"/>
        <source>Id</source>
        <translation>Tunniste</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="54"/>
        <source>Details</source>
        <translation>Lisätiedot</translation>
    </message>
</context>
<context>
    <name>AuditScreen</name>
    <message>
        <location filename="../../ui/audit/screen.py" line="120"/>
        <source>Audit</source>
        <translation>Tapahtumaloki</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="125"/>
        <source>Checking the audit chain…</source>
        <translation>Tarkistetaan lokiketjua…</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="129"/>
        <source>Verify now</source>
        <translation>Tarkista nyt</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="136"/>
        <source>Person (user name)</source>
        <translation>Henkilö (käyttäjätunnus)</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="138"/>
        <source>Action (report.*)</source>
        <translation>Toiminto (report.*)</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="140"/>
        <source>Object type</source>
        <translation>Kohteen tyyppi</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="142"/>
        <source>Object id</source>
        <translation>Kohteen tunniste</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="146"/>
        <source>Any time</source>
        <translation>Koko aika</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="146"/>
        <source>Today</source>
        <translation>Tänään</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="146"/>
        <source>Last 7 days</source>
        <translation>Viimeiset 7 päivää</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="146"/>
        <source>Last 30 days</source>
        <translation>Viimeiset 30 päivää</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="150"/>
        <source>Apply</source>
        <translation>Käytä</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="151"/>
        <source>Export CSV…</source>
        <translation>Vie CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="170"/>
        <source>‹ Newer</source>
        <translation>‹ Uudemmat</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="171"/>
        <source>Older ›</source>
        <translation>Vanhemmat ›</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="225"/>
        <source>OK: {count} audit entries, chain intact</source>
        <translation>OK: lokimerkintöjä {count}, ketju eheä</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="229"/>
        <source> (entry no. {seq})</source>
        <translation> (merkintä nro {seq})</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="231"/>
        <source>BROKEN{where}: {problem}</source>
        <translation>RIKKI{where}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="267"/>
        <source>No matching entries</source>
        <translation>Ei osuvia merkintöjä</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="272"/>
        <source>Entries {first}–{last} of {total}, newest first</source>
        <translation>Merkinnät {first}–{last} / {total}, uusin ensin</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="293"/>
        <source>You cannot see the audit log: {reason}</source>
        <translation>Et voi nähdä tapahtumalokia: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="311"/>
        <source>Export the audit log</source>
        <translation>Vie tapahtumaloki</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="311"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-tiedostot (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/audit/screen.py" line="332"/>
        <source>Audit log exported: {count} entries to {name}</source>
        <translation>Tapahtumaloki viety tiedostoon {name}: merkintöjä {count}</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <location filename="../../ui/background.py" line="105"/>
        <source>The background process keeps stopping (see {log}): this window now syncs and publishes itself.</source>
        <translation>Taustaprosessi pysähtyy toistuvasti (katso {log}): tämä ikkuna synkronoi ja julkaisee nyt itse.</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="115"/>
        <source>The background process stopped (exit code {code}); restarting it in {s} s.</source>
        <translation>Taustaprosessi pysähtyi (paluukoodi {code}); se käynnistetään uudelleen {s} s kuluttua.</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="148"/>
        <source>{n} accounts connected</source>
        <translation>Yhdistettyjä tilejä {n}</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="189"/>
        <source>This desk syncs the inbox and publishes scheduled posts.</source>
        <translation>Tämä työpiste synkronoi saapuneet viestit ja julkaisee ajastetut julkaisut.</translation>
    </message>
    <message>
        <location filename="../../ui/background.py" line="193"/>
        <source>A headless runner drives syncs and publishing for this database; this desk follows.</source>
        <translation>Taustaajo hoitaa tämän tietokannan synkronoinnin ja julkaisun; tämä työpiste seuraa.</translation>
    </message>
</context>
<context>
    <name>CalendarScreen</name>
    <message>
        <location filename="../../ui/calendar/screen.py" line="149"/>
        <source>Calendar</source>
        <translation>Kalenteri</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="154"/>
        <source>Day</source>
        <translation>Päivä</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="154"/>
        <source>Week</source>
        <translation>Viikko</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="154"/>
        <source>Month</source>
        <translation>Kuukausi</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="164"/>
        <source>Today</source>
        <translation>Tänään</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="172"/>
        <source>Stop all broadcasts</source>
        <translation>Pysäytä julkaisut</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="182"/>
        <source>Press officers and supervisors can stop all broadcasts.</source>
        <translation>Viestintäasiantuntijat ja esimiehet voivat pysäyttää kaikki julkaisut.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="184"/>
        <source>Resume…</source>
        <translation>Jatka…</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="201"/>
        <source>Campaigns</source>
        <translation>Kampanjat</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="202"/>
        <location filename="../../ui/calendar/screen.py" line="353"/>
        <source>Appeals due</source>
        <translation>Erääntyvät</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="203"/>
        <location filename="../../ui/calendar/screen.py" line="378"/>
        <source>After the stop</source>
        <translation>Pysäytetyt</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="209"/>
        <source>Drag a post to another day or hour to move it; click it to open it in Compose.</source>
        <translation>Siirrä julkaisua vetämällä se toiseen päivään tai tuntiin; napsauta avataksesi sen Kirjoita-näkymässä.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="218"/>
        <source>New campaign…</source>
        <translation>Uusi kampanja…</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="229"/>
        <source>An appeal left up after the person is found or charged becomes a pillory: update or take it down.</source>
        <translation>Vihjepyyntö, joka jää näkyviin henkilön löydyttyä tai jouduttua syytteeseen, muuttuu häpeäpaaluksi: päivitä tai poista se.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="240"/>
        <source>Update…</source>
        <translation>Päivitä…</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="242"/>
        <source>Keep 7 more days</source>
        <translation>Pidä vielä 7 päivää</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="244"/>
        <source>Take down everywhere</source>
        <translation>Poista kaikkialta</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="254"/>
        <source>Posts whose time passed during a stop wait here for a decision.</source>
        <translation>Julkaisut, joiden aika meni pysäytyksen aikana, odottavat täällä päätöstä.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="259"/>
        <source>Post</source>
        <translation>Julkaisu</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="259"/>
        <source>Decision</source>
        <translation>Päätös</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="259"/>
        <source>New time</source>
        <translation>Uusi aika</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="264"/>
        <source>For all:</source>
        <translation>Kaikille:</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="270"/>
        <source>Apply decisions</source>
        <translation>Toteuta päätökset</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="329"/>
        <source>Week {n}: {start} – {end}</source>
        <translation>Viikko {n}: {start} – {end}</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="340"/>
        <source>{name} ({n} in view)</source>
        <translation>{name} ({n} näkyvissä)</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="348"/>
        <source>found or charged</source>
        <translation>löydetty tai syytteessä</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="348"/>
        <source>review date reached</source>
        <translation>tarkistuspäivä tullut</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="353"/>
        <source>Appeals due ({n})</source>
        <translation>Erääntyvät ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="375"/>
        <source>After the stop ({n})</source>
        <translation>Pysäytetyt ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="404"/>
        <source>Post #{id} moved to {when}.</source>
        <translation>Julkaisu #{id} siirretty: {when}.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="434"/>
        <source>New campaign</source>
        <translation>Uusi kampanja</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="434"/>
        <source>Campaign name</source>
        <translation>Kampanjan nimi</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="441"/>
        <source>Campaign “{name}” created.</source>
        <translation>Kampanja ”{name}” luotu.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="466"/>
        <source>All broadcasts stopped: {n} post(s) held.</source>
        <translation>Kaikki julkaisut pysäytetty. Pidätettyjä julkaisuja: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="479"/>
        <source>A supervisor resumes after a stop.</source>
        <translation>Esimies jatkaa julkaisuja pysäytyksen jälkeen.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="488"/>
        <source>Broadcasting resumed. {n} post(s) passed their time during the stop.</source>
        <translation>Julkaisut jatkuvat. Pysäytyksen aikana aikansa ohittaneita julkaisuja: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="516"/>
        <source>Decisions recorded for {n} post(s).</source>
        <translation>Päätökset kirjattu. Julkaisuja: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="538"/>
        <source>Appeal #{id} kept; asked again in 7 days.</source>
        <translation>Vihjepyyntö #{id} pidetään; kysytään uudelleen 7 päivän päästä.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="559"/>
        <source>Appeal #{id} could not be removed from {n} platform(s); try again.</source>
        <translation>Vihjepyyntöä #{id} ei voitu poistaa kaikista palveluista (epäonnistui: {n}); yritä uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="565"/>
        <source>Appeal #{id} taken down everywhere.</source>
        <translation>Vihjepyyntö #{id} poistettu kaikkialta.</translation>
    </message>
</context>
<context>
    <name>ComposeScreen</name>
    <message>
        <location filename="../../ui/compose/screen.py" line="201"/>
        <source>Compose</source>
        <translation>Kirjoita</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="210"/>
        <source>Post to</source>
        <translation>Julkaise tileille</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="212"/>
        <source>Loading accounts…</source>
        <translation>Ladataan tilejä…</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="224"/>
        <source>Write the post once; each platform&apos;s version is on the right.</source>
        <translation>Kirjoita julkaisu kerran; kunkin palvelun versio näkyy oikealla.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="226"/>
        <source>Post text</source>
        <translation>Julkaisun teksti</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="237"/>
        <source>Language</source>
        <translation>Kieli</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="244"/>
        <source>Content warning (where the platform has one)</source>
        <translation>Sisältövaroitus (jos palvelussa on)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="246"/>
        <source>Who may reply</source>
        <translation>Kuka voi vastata</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="250"/>
        <source>Everyone</source>
        <translation>Kaikki</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="251"/>
        <source>Only mentioned accounts</source>
        <translation>Vain mainitut tilit</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="252"/>
        <source>Only accounts we follow</source>
        <translation>Vain seuraamamme tilit</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="253"/>
        <source>Nobody</source>
        <translation>Ei kukaan</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="258"/>
        <source>Split into a numbered thread where a platform needs it</source>
        <translation>Jaa numeroiduksi ketjuksi, kun palvelu sitä vaatii</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="262"/>
        <source>Urgent: may use the share of the posting budget kept for replies</source>
        <translation>Kiireellinen: saa käyttää vastauksille varattua osuutta julkaisukiintiöstä</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="266"/>
        <source>Each account keeps part of its posting budget for replies and urgent posts. Tick this only for a post that cannot wait (a road closure, a warning): it is recorded with your name.</source>
        <translation>Jokainen tili varaa osan julkaisukiintiöstään vastauksille ja kiireellisille julkaisuille. Valitse tämä vain julkaisulle, joka ei voi odottaa (tiesulku, varoitus): valinta kirjataan nimelläsi.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="272"/>
        <source>Photos</source>
        <translation>Kuvat</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="279"/>
        <source>When</source>
        <translation>Milloin</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="282"/>
        <source>As soon as possible</source>
        <translation>Mahdollisimman pian</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="283"/>
        <source>At</source>
        <translation>Ajankohtana</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="284"/>
        <source>Add to queue (next free slot)</source>
        <translation>Lisää jonoon (seuraava vapaa aika)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="294"/>
        <location filename="../../ui/compose/screen.py" line="446"/>
        <source>No campaign</source>
        <translation>Ei kampanjaa</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="299"/>
        <source>Campaign</source>
        <translation>Kampanja</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="308"/>
        <source>Override…</source>
        <translation>Ohita…</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="341"/>
        <source>Per platform</source>
        <translation>Palveluittain</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="342"/>
        <location filename="../../ui/compose/screen.py" line="496"/>
        <source>Approvals</source>
        <translation>Hyväksynnät</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="343"/>
        <location filename="../../ui/compose/screen.py" line="517"/>
        <source>Deliveries</source>
        <translation>Lähetykset</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="362"/>
        <source>Approve</source>
        <translation>Hyväksy</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="364"/>
        <source>Reject</source>
        <translation>Hylkää</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="374"/>
        <source>Approve posts written by others. Nobody approves their own post.</source>
        <translation>Hyväksy muiden kirjoittamat julkaisut. Kukaan ei hyväksy omaa julkaisuaan.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="376"/>
        <source>Press officers and supervisors approve posts; yours are listed here until they do.</source>
        <translation>Viestintäasiantuntijat ja esimiehet hyväksyvät julkaisut; omasi näkyvät täällä siihen asti.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="386"/>
        <source>Account</source>
        <translation>Tili</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="386"/>
        <source>State</source>
        <translation>Tila</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="386"/>
        <source>Text</source>
        <translation>Teksti</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="396"/>
        <source>An unconfirmed post may have gone out: look it up before anything is sent again.</source>
        <translation>Vahvistamaton julkaisu on voinut lähteä: tarkista se ennen kuin mitään lähetetään uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="401"/>
        <source>Refresh</source>
        <translation>Päivitä</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="404"/>
        <location filename="../../ui/compose/screen.py" line="504"/>
        <source>Check before re-sending</source>
        <translation>Tarkista ennen uudelleenlähetystä</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="414"/>
        <source>Schedule</source>
        <translation>Ajasta</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="415"/>
        <source>Your posts are scheduled as soon as you submit them.</source>
        <translation>Julkaisusi ajastetaan heti, kun lähetät ne.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="417"/>
        <source>Send for approval</source>
        <translation>Lähetä hyväksyttäväksi</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="419"/>
        <source>Your posts wait for a press officer or supervisor to approve them before they go out.</source>
        <translation>Julkaisusi odottavat viestintäasiantuntijan tai esimiehen hyväksyntää ennen julkaisua.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="462"/>
        <source>No accounts are connected yet: an administrator connects them.</source>
        <translation>Tilejä ei ole vielä yhdistetty: ylläpitäjä yhdistää ne.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="468"/>
        <source>{handle} (needs reconnecting)</source>
        <translation>{handle} (yhdistettävä uudelleen)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="488"/>
        <source>when approved</source>
        <translation>hyväksyttäessä</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="492"/>
        <source>(yours: a colleague must approve it)</source>
        <translation>(oma: kollegan on hyväksyttävä)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="496"/>
        <source>Approvals ({n})</source>
        <translation>Hyväksynnät ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="517"/>
        <source>Deliveries ({n} to check)</source>
        <translation>Lähetykset ({n} tarkistettavana)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="558"/>
        <source>Shown by: {platforms}</source>
        <translation>Näkyy palveluissa: {platforms}</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="560"/>
        <source>None of the chosen platforms has content warnings.</source>
        <translation>Yhdessäkään valitussa palvelussa ei ole sisältövaroituksia.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="644"/>
        <source>Choose at least one account.</source>
        <translation>Valitse vähintään yksi tili.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="646"/>
        <source>Write the post.</source>
        <translation>Kirjoita julkaisu.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="650"/>
        <source>Too long for {platform} ({length}/{limit}): shorten it or split it into a thread.</source>
        <translation>Liian pitkä palveluun {platform} ({length}/{limit}): lyhennä tai jaa ketjuksi.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="655"/>
        <source>Checking the text…</source>
        <translation>Tarkistetaan tekstiä…</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="657"/>
        <source>The privacy guard found what could identify a person (underlined).</source>
        <translation>Tietosuojavahti löysi tietoja, joista henkilön voi tunnistaa (alleviivattu).</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="681"/>
        <source>Override ready: {n} finding(s) will be published as written.</source>
        <translation>Ohitus valmis: havaintoja {n}, ne julkaistaan sellaisinaan.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="757"/>
        <source>now</source>
        <translation>nyt</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="759"/>
        <source>Scheduled for {when} on {n} account(s).</source>
        <translation>Ajastettu: {when}. Tilejä: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="761"/>
        <source>Sent for approval: a press officer or supervisor must approve it before it goes out.</source>
        <translation>Lähetetty hyväksyttäväksi: viestintäasiantuntijan tai esimiehen on hyväksyttävä se ennen julkaisua.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="763"/>
        <source>({parts} posts in the thread.)</source>
        <translation>(Ketjussa julkaisuja: {parts}.)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="828"/>
        <source>Editing post #{id} ({state}): submitting replaces it.</source>
        <translation>Muokataan julkaisua #{id} ({state}): lähettäminen korvaa sen.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="832"/>
        <source>Post #{id} already went out: submitting makes a new post.</source>
        <translation>Julkaisu #{id} on jo lähtenyt: lähettäminen tekee uuden julkaisun.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="845"/>
        <source>Nobody approves their own post: ask a colleague.</source>
        <translation>Kukaan ei hyväksy omaa julkaisuaan: pyydä kollegaa.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="860"/>
        <source>Post #{id} approved and scheduled.</source>
        <translation>Julkaisu #{id} hyväksytty ja ajastettu.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="873"/>
        <source>Post #{id} rejected.</source>
        <translation>Julkaisu #{id} hylätty.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="899"/>
        <source>It did go out on {platform}: marked as published.</source>
        <translation>Se lähti palveluun {platform}: merkitty julkaistuksi.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="901"/>
        <source>Not found on {platform}: it will be sent again.</source>
        <translation>Ei löytynyt palvelusta {platform}: se lähetetään uudelleen.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../../ui/accounts/screen.py" line="100"/>
        <source>Reconnect an account</source>
        <translation>Yhdistä tili uudelleen</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="100"/>
        <source>Connect an account</source>
        <translation>Yhdistä tili</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="112"/>
        <source>e.g. @helsinkipolice or police@mastodon.social</source>
        <translation>esim. @helsinkipolice tai police@mastodon.social</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="115"/>
        <source>Change it for a self-hosted Mastodon server or a Bluesky PDS.</source>
        <translation>Vaihda omaa Mastodon-palvelinta tai Blueskyn PDS-palvelinta varten.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="116"/>
        <source>Platform</source>
        <translation>Palvelu</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="117"/>
        <source>Handle</source>
        <translation>Käyttäjänimi</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="118"/>
        <source>Display name</source>
        <translation>Näyttönimi</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="119"/>
        <source>Server address</source>
        <translation>Palvelimen osoite</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="132"/>
        <source>Verify</source>
        <translation>Tarkista</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="133"/>
        <source>Save</source>
        <translation>Tallenna</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="135"/>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="205"/>
        <source>Asking {platform}…</source>
        <translation>Kysytään palvelulta {platform}…</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="215"/>
        <source>Verified: this is {name} ({handle}). Save to connect it.</source>
        <translation>Tarkistettu: tili on {name} ({handle}). Tallenna yhdistääksesi sen.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="238"/>
        <source>Verify the account first.</source>
        <translation>Tarkista tili ensin.</translation>
    </message>
    <message>
        <location filename="../../ui/accounts/screen.py" line="254"/>
        <source>{handle} on {platform} is connected.</source>
        <translation>{handle} palvelussa {platform} on yhdistetty.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../ui/crash.py" line="92"/>
        <source>Beat Desk ran into a bug</source>
        <translation>Beat Deskissä tapahtui ohjelmavirhe</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="99"/>
        <source>Something went wrong inside Beat Desk. Your work is saved and the desk keeps running. Please copy this report and send it to your administrator. It holds no passwords or tokens.</source>
        <translation>Beat Deskissä tapahtui virhe. Työsi on tallessa ja työpöytä toimii edelleen. Kopioi tämä raportti ja lähetä se ylläpitäjälle. Siinä ei ole salasanoja eikä tunnuksia.</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="112"/>
        <source>Copy report</source>
        <translation>Kopioi raportti</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="116"/>
        <source>Close</source>
        <translation>Sulje</translation>
    </message>
</context>
<context>
    <name>DeskMessages</name>
    <message>
        <location filename="../../ui/desk_messages.py" line="194"/>
        <location filename="../../ui/i18n.py" line="39"/>
        <source>The user name or password is not right.</source>
        <extracomment>code -&gt; translatable source text (English, with ``{param}`` placeholders)</extracomment>
        <translation>Käyttäjätunnus tai salasana ei ole oikein.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="198"/>
        <location filename="../../ui/i18n.py" line="40"/>
        <source>{username} is not allowed to {action}.</source>
        <translation>Käyttäjällä {username} ei ole oikeutta toimintoon: {action}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="196"/>
        <location filename="../../ui/i18n.py" line="41"/>
        <source>A user name needs letters or digits (and may use . _ -): {username!r}</source>
        <translation>Käyttäjätunnuksessa on oltava kirjaimia tai numeroita (sallittu myös . _ -): {username!r}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="182"/>
        <source>The server address must look like https://example.org (got {url!r}).</source>
        <translation>Palvelimen osoitteen on oltava muotoa https://example.org (annettu {url!r}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="183"/>
        <source>Sandbox accounts can only be created in demo mode.</source>
        <translation>Hiekkalaatikkotilejä voi luoda vain esittelytilassa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="184"/>
        <source>Use https:// for {url}: tokens must not travel unencrypted.</source>
        <translation>Käytä osoitteessa {url} https://-alkua: tunnisteita ei saa siirtää salaamatta.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="185"/>
        <source>The credentials of {handle} on {platform} are missing from the keyring: reconnect the account.</source>
        <translation>Tilin {handle} ({platform}) tunnukset puuttuvat avainnipusta: yhdistä tili uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="186"/>
        <source>Give the account&apos;s handle.</source>
        <translation>Anna tilin käyttäjänimi.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="187"/>
        <source>Account {id} does not exist.</source>
        <translation>Tiliä {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="188"/>
        <source>{value} is already on the force&apos;s allow-list.</source>
        <translation>{value} on jo poliisin sallittujen luettelossa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="189"/>
        <source>{value} is not on the force&apos;s allow-list.</source>
        <translation>{value} ei ole poliisin sallittujen luettelossa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="190"/>
        <source>{value} is shipped with the desk and cannot be removed.</source>
        <translation>{value} tulee sovelluksen mukana eikä sitä voi poistaa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="191"/>
        <source>Post {id} is not an appeal.</source>
        <translation>Julkaisu {id} ei ole vetoomus.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="192"/>
        <source>Choose a later review date to keep the appeal up.</source>
        <translation>Valitse myöhempi tarkistuspäivä, jos vetoomus pidetään esillä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="195"/>
        <source>Choose at least one role for the person.</source>
        <translation>Valitse henkilölle vähintään yksi rooli.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="197"/>
        <location filename="../../ui/i18n.py" line="44"/>
        <source>Give the person&apos;s name as colleagues know it.</source>
        <translation>Anna henkilön nimi niin kuin kollegat sen tuntevat.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="199"/>
        <location filename="../../ui/i18n.py" line="45"/>
        <source>A password needs at least {n} characters.</source>
        <translation>Salasanassa on oltava vähintään {n} merkkiä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="193"/>
        <location filename="../../ui/i18n.py" line="46"/>
        <source>This desk already has users; sign in as an administrator.</source>
        <translation>Tällä työpöydällä on jo käyttäjiä; kirjaudu ylläpitäjänä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="200"/>
        <location filename="../../ui/i18n.py" line="49"/>
        <source>The user name {username} is taken.</source>
        <translation>Käyttäjätunnus {username} on jo käytössä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="201"/>
        <source>The preset {path} cannot be read: {detail}</source>
        <translation>Esiasetusta {path} ei voi lukea: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="202"/>
        <source>The call feed {url} cannot be read ({detail}); {failures} failed tries, next try at {next}.</source>
        <translation>Ilmoitussyötettä {url} ei voi lukea ({detail}); epäonnistuneita yrityksiä {failures}, seuraava yritys {next}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="203"/>
        <source>The watched folder {folder} does not exist.</source>
        <translation>Seurattua kansiota {folder} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="204"/>
        <source>The column mapping has no column for {fields}; map one before importing.</source>
        <translation>Sarakemäärityksessä ei ole saraketta kentille {fields}; määritä sarake ennen tuontia.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="205"/>
        <source>The file has no column named {columns}.</source>
        <translation>Tiedostossa ei ole saraketta nimeltä {columns}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="206"/>
        <source>There is no preset {name!r}; known: {known}.</source>
        <translation>Esiasetusta {name!r} ei ole; tunnetut: {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="207"/>
        <source>The file {path} cannot be read: {detail}</source>
        <translation>Tiedostoa {path} ei voi lukea: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="208"/>
        <source>The file {path} does not exist.</source>
        <translation>Tiedostoa {path} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="209"/>
        <source>The campaign must end after it starts.</source>
        <translation>Kampanjan on päätyttävä alkamisensa jälkeen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="210"/>
        <source>Give the campaign a name.</source>
        <translation>Anna kampanjalle nimi.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="211"/>
        <source>The reply&apos;s braces do not pair up ({detail}); write variables as {{name}}.</source>
        <translation>Vastauksen aaltosulkeet eivät ole pareittain ({detail}); kirjoita muuttujat muodossa {{name}}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="212"/>
        <source>Language must be one of {langs}.</source>
        <translation>Kielen on oltava jokin näistä: {langs}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="213"/>
        <source>A canned reply needs some text.</source>
        <translation>Valmisvastaus tarvitsee tekstiä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="214"/>
        <source>Fill in {variables} before sending.</source>
        <translation>Täytä {variables} ennen lähettämistä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="215"/>
        <source>Give the reply a name.</source>
        <translation>Anna vastaukselle nimi.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="216"/>
        <source>Canned reply {id} does not exist.</source>
        <translation>Valmisvastausta {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="217"/>
        <source>Unknown variable {{{variable}}}; the known ones are {known}.</source>
        <translation>Tuntematon muuttuja {{{variable}}}; tunnetut ovat {known}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="218"/>
        <source>The demo could not start: {detail}</source>
        <translation>Esittelytila ei käynnistynyt: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="219"/>
        <source>Emergency {id} was already acknowledged at {at}.</source>
        <translation>Hätätilanne {id} on jo kuitattu {at}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="220"/>
        <source>Emergency {id} was already handed over.</source>
        <translation>Hätätilanne {id} on jo siirretty eteenpäin.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="221"/>
        <source>Say how the control room was told (who, how, their reference).</source>
        <translation>Kerro, miten hätäkeskukselle ilmoitettiin (kuka, miten, heidän viitteensä).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="222"/>
        <source>An emergency is acknowledged by a named officer.</source>
        <translation>Hätätilanteen kuittaa nimetty poliisi.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="223"/>
        <source>Emergency {id} has no conversation.</source>
        <translation>Hätätilanteella {id} ei ole keskustelua.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="224"/>
        <source>Replies need the inbox service.</source>
        <translation>Vastaukset tarvitsevat saapuneiden palvelun.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="225"/>
        <source>The emergency canned reply is missing; seed the canned replies.</source>
        <translation>Hätätilanteen valmisvastaus puuttuu; lisää valmisvastaukset.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="226"/>
        <source>Emergency {id} does not exist.</source>
        <translation>Hätätilannetta {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="227"/>
        <source>That column no longer exists.</source>
        <translation>Saraketta ei enää ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="228"/>
        <source>A search or hashtag column needs something to search for.</source>
        <translation>Haku- tai aihetunnistesarake tarvitsee hakusanan.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="229"/>
        <source>A search is at most 500 characters.</source>
        <translation>Haku on enintään 500 merkkiä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="230"/>
        <source>At most {n} columns fit on the feeds screen.</source>
        <translation>Syötenäkymään mahtuu enintään {n} saraketta.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="231"/>
        <source>Allow-list entry {entry} needs a kind (phone, email, address) and a value.</source>
        <translation>Sallittujen luettelon rivi {entry} tarvitsee lajin (puhelin, sähköposti, osoite) ja arvon.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="232"/>
        <source>An allow-list entry has an empty value.</source>
        <translation>Sallittujen luettelon rivin arvo on tyhjä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="233"/>
        <source>The allow-list {path} has no &apos;entries&apos; list.</source>
        <translation>Sallittujen luettelossa {path} ei ole &apos;entries&apos;-listaa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="234"/>
        <source>Cannot read the allow-list {path}: {reason}</source>
        <translation>Sallittujen luetteloa {path} ei voi lukea: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="235"/>
        <source>A {before} conversation cannot be set to {after}; it can become: {allowed}.</source>
        <translation>Keskustelua tilassa {before} ei voi siirtää tilaan {after}; mahdolliset: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="236"/>
        <source>A note needs some text.</source>
        <translation>Muistiinpano tarvitsee tekstiä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="237"/>
        <source>A tag needs some text.</source>
        <translation>Tunniste tarvitsee tekstiä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="238"/>
        <source>The desk cannot check replies: no platform capabilities given.</source>
        <translation>Vastauksia ei voi tarkistaa: palvelun ominaisuuksia ei annettu.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="239"/>
        <source>Conversation {id} does not exist.</source>
        <translation>Keskustelua {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="240"/>
        <source>There is no active person with id {id}.</source>
        <translation>Aktiivista henkilöä tunnuksella {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="241"/>
        <source>You have no saved view {id}.</source>
        <translation>Sinulla ei ole tallennettua näkymää {id}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="242"/>
        <source>{name} does not work the inbox and cannot be assigned.</source>
        <translation>{name} ei käsittele saapuneita, joten tehtävää ei voi antaa hänelle.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="243"/>
        <source>Give the view a name.</source>
        <translation>Anna näkymälle nimi.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="244"/>
        <source>Only a signed-in person has saved views.</source>
        <translation>Tallennettuja näkymiä on vain kirjautuneella henkilöllä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="245"/>
        <source>A critical-incident stop is already on.</source>
        <translation>Vakavan tilanteen pysäytys on jo päällä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="246"/>
        <source>The holding statement was not found.</source>
        <translation>Odotustiedotetta ei löytynyt.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="247"/>
        <source>No critical-incident stop is on.</source>
        <translation>Vakavan tilanteen pysäytys ei ole päällä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="248"/>
        <source>Post {id} is not waiting for a decision.</source>
        <translation>Julkaisu {id} ei odota päätöstä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="249"/>
        <source>Say why broadcasting stops (it is recorded).</source>
        <translation>Kerro, miksi julkaiseminen pysäytetään (se kirjataan).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="250"/>
        <source>Choose a future time for post {id}.</source>
        <translation>Valitse julkaisulle {id} tuleva aika.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="251"/>
        <source>A photo of this post changed on disk; attach it again.</source>
        <translation>Julkaisun kuva on muuttunut levyllä; liitä se uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="252"/>
        <source>A photo of this post is missing from the media folder; attach it again.</source>
        <translation>Julkaisun kuva puuttuu mediakansiosta; liitä se uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="253"/>
        <source>Describe the photo in a few words (alt text) before adding it.</source>
        <translation>Kuvaile kuva muutamalla sanalla (vaihtoehtoinen teksti) ennen lisäämistä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="254"/>
        <source>No public holidays are known for country {c!r}.</source>
        <translation>Maalle {c!r} ei tunneta yleisiä vapaapäiviä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="255"/>
        <source>Weekday {d} is not 0 (Monday) to 6.</source>
        <translation>Viikonpäivä {d} ei ole välillä 0 (maanantai)–6.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="256"/>
        <source>On {day} the interval {start}–{end} ends before it starts.</source>
        <translation>Päivänä {day} väli {start}–{end} päättyy ennen alkuaan.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="257"/>
        <source>Unknown time zone {tz!r}.</source>
        <translation>Tuntematon aikavyöhyke {tz!r}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="258"/>
        <source>Office hours cannot be read: {e}</source>
        <translation>Aukioloaikoja ei voi lukea: {e}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="259"/>
        <source>Choose where the log is published.</source>
        <translation>Valitse, minne loki julkaistaan.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="260"/>
        <source>Write something or add a photo.</source>
        <translation>Kirjoita jotain tai lisää kuva.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="261"/>
        <source>This shift has ended.</source>
        <translation>Tämä vuoro on päättynyt.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="262"/>
        <source>The log has no entries to publish.</source>
        <translation>Lokissa ei ole julkaistavia merkintöjä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="263"/>
        <source>Shift {id} does not exist.</source>
        <translation>Vuoroa {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="264"/>
        <source>Only the officer on the shift writes its log.</source>
        <translation>Vain vuorossa oleva poliisi kirjoittaa sen lokia.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="265"/>
        <source>A patrol log belongs to a person: sign in first.</source>
        <translation>Partiointiloki kuuluu henkilölle: kirjaudu ensin.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="266"/>
        <source>Give the shift a title (e.g. &apos;Night patrol, Kallio&apos;).</source>
        <translation>Anna vuorolle otsikko (esim. &apos;Yöpartio, Kallio&apos;).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="267"/>
        <source>This file is not a photo the desk can read ({detail}).</source>
        <translation>Tämä tiedosto ei ole kuva, jota sovellus osaa lukea ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="268"/>
        <source>{fmt} images are not supported: use JPEG or PNG.</source>
        <translation>{fmt}-kuvia ei tueta: käytä JPEG- tai PNG-muotoa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="269"/>
        <source>Queue times look like 08:30 ({detail}).</source>
        <translation>Jonon ajat ovat muotoa 08:30 ({detail}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="270"/>
        <source>This post already went out and cannot be moved.</source>
        <translation>Tämä julkaisu on jo lähtenyt eikä sitä voi siirtää.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="271"/>
        <source>Give at least one queue time.</source>
        <translation>Anna vähintään yksi jonon aika.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="272"/>
        <source>Post {id} does not exist.</source>
        <translation>Julkaisua {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="273"/>
        <source>A post cannot be moved into the past.</source>
        <translation>Julkaisua ei voi siirtää menneisyyteen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="274"/>
        <source>No free queue slot in the next {days} days.</source>
        <translation>Seuraavien {days} päivän aikana ei ole vapaata jonopaikkaa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="275"/>
        <source>{handle} on {platform} needs reconnecting before anything can be queued for it.</source>
        <translation>{handle} ({platform}) on yhdistettävä uudelleen ennen kuin sille voi ajastaa mitään.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="276"/>
        <source>Alt text is limited to {n} characters on {platform}.</source>
        <translation>Vaihtoehtoinen teksti on palvelussa {platform} enintään {n} merkkiä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="277"/>
        <source>The publishing time {due} is in the past; choose a later time.</source>
        <translation>Julkaisuaika {due} on mennyt; valitse myöhempi aika.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="278"/>
        <source>The text for {handle} is empty.</source>
        <translation>Tilin {handle} teksti on tyhjä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="279"/>
        <source>The text for {target} contains what could identify a person ({kinds}). Remove it, or ask a supervisor to override with a reason.</source>
        <translation>Kohteen {target} teksti sisältää tietoa, josta henkilön voi tunnistaa ({kinds}). Poista se tai pyydä esimieheltä ohitusta perusteluineen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="280"/>
        <source>A photo is {mb:.1f} MB; {platform} takes at most {limit:.1f} MB.</source>
        <translation>Kuva on {mb:.1f} Mt; {platform} ottaa enintään {limit:.1f} Mt.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="281"/>
        <source>{platform} does not take photos and a video in the same post.</source>
        <translation>{platform} ei ota kuvia ja videota samaan julkaisuun.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="282"/>
        <source>{platform} posts need a photo ({handle}).</source>
        <translation>Palvelun {platform} julkaisut tarvitsevat kuvan ({handle}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="283"/>
        <source>Choose at least one account to publish to.</source>
        <translation>Valitse vähintään yksi tili, jolle julkaistaan.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="284"/>
        <source>Only a draft can be submitted (this one is {state}).</source>
        <translation>Vain luonnoksen voi lähettää (tämä on tilassa {state}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="285"/>
        <source>This post is not awaiting approval (it is {state}).</source>
        <translation>Tämä julkaisu ei odota hyväksyntää (se on tilassa {state}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="286"/>
        <source>Outbound item {id} does not exist.</source>
        <translation>Lähtevää julkaisua {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="287"/>
        <source>This delivery is not waiting for a check.</source>
        <translation>Tämä lähetys ei odota tarkistusta.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="288"/>
        <source>Only the author can submit this draft.</source>
        <translation>Vain laatija voi lähettää tämän luonnoksen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="289"/>
        <source>Say why the guard is overridden (at least 10 characters).</source>
        <translation>Kerro, miksi tarkistus ohitetaan (vähintään 10 merkkiä).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="290"/>
        <source>Nobody approves their own post: ask a colleague.</source>
        <translation>Kukaan ei hyväksy omaa julkaisuaan: pyydä kollegaa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="291"/>
        <source>{platform} cannot limit replies that way ({handle}): choose another setting or leave that account out.</source>
        <translation>{platform} ei voi rajata vastauksia näin ({handle}): valitse toinen asetus tai jätä tili pois.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="292"/>
        <source>At {due} {handle} on {platform} would use its reserve for replies and urgent posts ({percent} % of its posting budget). Choose another time, add the post to the queue, or mark it urgent.</source>
        <translation>Ajankohtana {due} tili {handle} ({platform}) käyttäisi vastauksille ja kiireellisille julkaisuille varatun osuutensa ({percent} % julkaisukiintiöstä). Valitse toinen aika, lisää julkaisu jonoon tai merkitse se kiireelliseksi.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="293"/>
        <source>This text cannot be split into a thread: {detail}</source>
        <translation>Tätä tekstiä ei voi jakaa ketjuksi: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="294"/>
        <source>The text for {handle} is {length} of {limit} characters as {platform} counts them.</source>
        <translation>Tilin {handle} teksti on {length}/{limit} merkkiä palvelun {platform} laskutavalla.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="295"/>
        <source>{platform} takes at most {n} photos in one post.</source>
        <translation>{platform} ottaa yhteen julkaisuun enintään {n} kuvaa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="296"/>
        <source>{platform} takes at most {n} video(s) in one post.</source>
        <translation>{platform}: videoita enintään {n} yhdessä julkaisussa.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="297"/>
        <source>Unknown account(s): {ids}</source>
        <translation>Tuntemattomat tilit: {ids}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="298"/>
        <source>{platform} does not take {mime} images.</source>
        <translation>{platform} ei ota {mime}-kuvia.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="299"/>
        <source>{platform} does not take {mime} videos.</source>
        <translation>{platform} ei ota vastaan {mime}-videoita.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="300"/>
        <source>A video is {mb:.1f} MB; {platform} takes at most {limit:.1f} MB.</source>
        <translation>Video on {mb:.1f} Mt; {platform} ottaa enintään {limit:.1f} Mt.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="301"/>
        <source>A hold is on a conversation or a person, with a subject.</source>
        <translation>Säilytysmääräys koskee keskustelua tai henkilöä, ja sillä on aihe.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="302"/>
        <source>A retention period is 1 day to 100 years, not {days}.</source>
        <translation>Säilytysaika on 1 päivästä 100 vuoteen, ei {days}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="303"/>
        <source>The date range is empty: its end is not after its start.</source>
        <translation>Aikaväli on tyhjä: sen loppu ei ole alun jälkeen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="304"/>
        <source>Legal hold {id} does not exist.</source>
        <translation>Säilytysmääräystä {id} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="305"/>
        <source>Name at least one handle or platform id of the person.</source>
        <translation>Anna vähintään yksi henkilön käyttäjänimi tai palvelun tunnus.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="306"/>
        <source>Unknown record type {type}.</source>
        <translation>Tuntematon tietuetyyppi {type}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="307"/>
        <source>The reply is empty.</source>
        <translation>Vastaus on tyhjä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="308"/>
        <source>{platform} does not allow private replies from the desk.</source>
        <translation>{platform} ei salli yksityisiä vastauksia sovelluksesta.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="309"/>
        <source>Reply {id} is not waiting for approval.</source>
        <translation>Vastaus {id} ei odota hyväksyntää.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="310"/>
        <source>Nobody approves their own reply.</source>
        <translation>Kukaan ei hyväksy omaa vastaustaan.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="311"/>
        <source>This is a private conversation: the reply can only be sent privately.</source>
        <translation>Tämä on yksityinen keskustelu: vastauksen voi lähettää vain yksityisesti.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="312"/>
        <source>The reply is {length} characters as {platform} counts them; the limit is {limit}. Shorten it by {over}.</source>
        <translation>Vastaus on {length} merkkiä palvelun {platform} laskutavalla; raja on {limit}. Lyhennä {over} merkillä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="313"/>
        <source>The reply is {bytes} bytes; {platform} allows {limit}.</source>
        <translation>Vastaus on {bytes} tavua; {platform} sallii {limit}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="314"/>
        <source>{platform} accepts private replies only within {hours} hours of the person&apos;s last message (the window closed at {closed}). Ask them to write again, or answer another way.</source>
        <translation>{platform} ottaa yksityisiä vastauksia vain {hours} tunnin ajan henkilön viimeisestä viestistä (aika päättyi {closed}). Pyydä häntä kirjoittamaan uudelleen tai vastaa muuta kautta.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="315"/>
        <source>{platform} refuses engagement figures for {handle}; they are missing from this report.</source>
        <translation>{platform} ei anna tilin {handle} vuorovaikutuslukuja; ne puuttuvat tästä raportista.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="316"/>
        <source>Nothing happened in this date range.</source>
        <translation>Tällä aikavälillä ei tapahtunut mitään.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="317"/>
        <source>Only the newest {limit} publications are listed.</source>
        <translation>Vain uusimmat {limit} julkaisua näytetään.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="318"/>
        <source>These settings were written by a newer Beat Desk (schema {version}); update this desk.</source>
        <translation>Nämä asetukset on kirjoittanut uudempi Beat Desk (skeema {version}); päivitä tämä sovellus.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="319"/>
        <location filename="../../ui/i18n.py" line="50"/>
        <source>Stored settings cannot be read: {detail}</source>
        <translation>Tallennettuja asetuksia ei voi lukea: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="320"/>
        <source>{handle} on {platform} is {status}: it is not synced until it is reconnected.</source>
        <translation>{handle} ({platform}) on tilassa {status}: sitä ei synkronoida ennen uudelleenyhdistämistä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="321"/>
        <source>{platform} no longer accepts the sign-in of {handle}: an administrator must reconnect the account (Settings → Accounts). Its inbox is not synced until then.</source>
        <translation>{platform} ei enää hyväksy tilin {handle} kirjautumista: ylläpitäjän on yhdistettävä tili uudelleen (Asetukset → Tilit). Sen saapuneita ei synkronoida sitä ennen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="322"/>
        <source>The sync of {handle} on {platform} failed ({detail}); it will try again at {next}.</source>
        <translation>Tilin {handle} ({platform}) synkronointi epäonnistui ({detail}); uusi yritys {next}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="323"/>
        <source>{platform} serves only the newest part of {handle}&apos;s {stream}: messages between the last sync and {oldest} could not be fetched. Check the account on {platform} itself for anything older.</source>
        <translation>{platform} tarjoaa vain uusimman osan tilin {handle} virrasta {stream}: viestejä viime synkronoinnin ja ajan {oldest} väliltä ei saatu. Tarkista vanhemmat suoraan palvelusta {platform}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="324"/>
        <source>{platform} asked the desk to wait for {handle}; the next sync is at {until}.</source>
        <translation>{platform} pyysi odottamaan tilin {handle} kanssa; seuraava synkronointi on {until}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="325"/>
        <source>{file}:{line}: {problem}</source>
        <translation>{file}:{line}: {problem}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="326"/>
        <source>Accounts look like x:3,mastodon:1,bluesky:1 (got {spec!r}).</source>
        <translation>Tilit annetaan muodossa x:3,mastodon:1,bluesky:1 (annettu {spec!r}).</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="327"/>
        <source>Between 1 and 20 accounts per platform.</source>
        <translation>1–20 tiliä palvelua kohden.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="328"/>
        <source>Name at least one account, e.g. x:3.</source>
        <translation>Anna vähintään yksi tili, esim. x:3.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="329"/>
        <source>The file has no calls that could be read.</source>
        <translation>Tiedostossa ei ole luettavia ilmoituksia.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="330"/>
        <source>There is no tweetathon {name!r}.</source>
        <translation>Twiittimaratonia {name!r} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="331"/>
        <source>The sandbox refused a {platform} account: {detail}</source>
        <translation>Hiekkalaatikko hylkäsi {platform}-tilin: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="332"/>
        <source>Choose at least one account to post on.</source>
        <translation>Valitse vähintään yksi tili, jolle julkaistaan.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="333"/>
        <source>There is no account {ids}.</source>
        <translation>Tiliä {ids} ei ole.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="334"/>
        <source>The delay is between 0 minutes and 24 hours.</source>
        <translation>Viive on 0 minuutista 24 tuntiin.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="335"/>
        <source>A tweetathon needs a name of 1 to 200 characters.</source>
        <translation>Twiittimaratonin nimi on 1–200 merkkiä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="336"/>
        <source>Name the call source the tweetathon posts from.</source>
        <translation>Nimeä ilmoituslähde, josta twiittimaraton julkaisee.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="337"/>
        <source>Start and end need a time zone.</source>
        <translation>Alulla ja lopulla on oltava aikavyöhyke.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="338"/>
        <source>The tweetathon must end after it starts.</source>
        <translation>Twiittimaratonin on päätyttävä alkamisensa jälkeen.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="339"/>
        <source>The speed must be a positive number.</source>
        <translation>Nopeuden on oltava positiivinen luku.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="340"/>
        <source>--start needs a time zone, e.g. 2022-02-07T00:00-08:00.</source>
        <translation>--start tarvitsee aikavyöhykkeen, esim. 2022-02-07T00:00-08:00.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="341"/>
        <source>--start takes an ISO time such as 2022-02-07T00:00-08:00.</source>
        <translation>--start ottaa ISO-ajan, kuten 2022-02-07T00:00-08:00.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="342"/>
        <source>The template&apos;s braces do not pair up: {detail}</source>
        <translation>Pohjan aaltosulkeet eivät ole pareittain: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="343"/>
        <source>Unknown template field {{{field}}}; allowed: {allowed}.</source>
        <translation>Tuntematon pohjan kenttä {{{field}}}; sallitut: {allowed}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="344"/>
        <source>There is no preset {name!r}; shipped ones: {names}.</source>
        <translation>Esiasetusta {name!r} ei ole; mukana tulevat: {names}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="345"/>
        <source>The public wording cannot contain braces.</source>
        <translation>Julkinen sanamuoto ei saa sisältää aaltosulkeita.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="346"/>
        <source>The public wording cannot be empty.</source>
        <translation>Julkinen sanamuoto ei voi olla tyhjä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="347"/>
        <source>Keep the public wording under {n} characters.</source>
        <translation>Pidä julkinen sanamuoto alle {n} merkissä.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="348"/>
        <source>There is no wording for {type} in {lang}.</source>
        <translation>Ilmoitustyypille {type} ei ole sanamuotoa kielellä {lang}.</translation>
    </message>
    <message>
        <location filename="../../ui/desk_messages.py" line="349"/>
        <source>Name the call type the wording is for.</source>
        <translation>Nimeä ilmoitustyyppi, jota sanamuoto koskee.</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="51"/>
        <source>The account&apos;s sign-in has expired; reconnect it on the Accounts screen. ({detail})</source>
        <translation>Tilin kirjautuminen on vanhentunut; yhdistä se uudelleen Tilit-näkymässä. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="54"/>
        <source>The platform asks us to slow down; the desk will try again later. ({detail})</source>
        <translation>Palvelu pyytää hidastamaan; työpöytä yrittää myöhemmin uudelleen. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="57"/>
        <source>The platform refused: {detail}</source>
        <translation>Palvelu kieltäytyi: {detail}</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="58"/>
        <source>The platform could not be reached; nothing was sent. ({detail})</source>
        <translation>Palveluun ei saatu yhteyttä; mitään ei lähetetty. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="61"/>
        <source>It is not known whether the platform received this; check before sending again. ({detail})</source>
        <translation>Ei tiedetä, saiko palvelu tämän; tarkista ennen kuin lähetät uudelleen. ({detail})</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="64"/>
        <source>The platform reported a problem: {detail}</source>
        <translation>Palvelu ilmoitti ongelmasta: {detail}</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="216"/>
        <location filename="../../ui/signin.py" line="226"/>
        <source>Welcome to Beat Desk</source>
        <translation>Tervetuloa Beat Deskiin</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="231"/>
        <source>This desk has no users yet. Set it up for your station, or try it first with simulated residents on local stand-ins for the platforms.</source>
        <translation>Tällä työpöydällä ei ole vielä käyttäjiä. Ota se käyttöön asemallasi tai kokeile sitä ensin simuloitujen asukkaiden ja paikallisten palvelujäljitelmien kanssa.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="238"/>
        <source>Set up this desk</source>
        <translation>Ota työpöytä käyttöön</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="241"/>
        <source>Try the demo</source>
        <translation>Kokeile demoa</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="250"/>
        <source>Create the administrator</source>
        <translation>Luo ylläpitäjä</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="253"/>
        <source>The administrator adds people, connects accounts and changes settings.</source>
        <translation>Ylläpitäjä lisää henkilöt, yhdistää tilit ja muuttaa asetuksia.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="264"/>
        <source>At least {n} characters</source>
        <translation>Vähintään {n} merkkiä</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="268"/>
        <source>User name</source>
        <translation>Käyttäjätunnus</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="269"/>
        <source>Full name</source>
        <translation>Koko nimi</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="270"/>
        <source>Password</source>
        <translation>Salasana</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="271"/>
        <source>Repeat password</source>
        <translation>Salasana uudelleen</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="279"/>
        <source>Back</source>
        <translation>Takaisin</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="281"/>
        <source>Create administrator</source>
        <translation>Luo ylläpitäjä</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="294"/>
        <source>The desk is set up</source>
        <translation>Työpöytä on otettu käyttöön</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="299"/>
        <source>You are signed in as the administrator. Next, connect the force&apos;s platform accounts on the Accounts screen, and add your colleagues.</source>
        <translation>Olet kirjautunut ylläpitäjänä. Yhdistä seuraavaksi poliisin palvelutilit Tilit-näkymässä ja lisää kollegasi.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="306"/>
        <source>Open the desk</source>
        <translation>Avaa työpöytä</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="321"/>
        <source>The two passwords differ.</source>
        <translation>Salasanat eivät täsmää.</translation>
    </message>
</context>
<context>
    <name>IncidentBanner</name>
    <message>
        <location filename="../../ui/widgets/incident_banner.py" line="73"/>
        <source>CRITICAL-INCIDENT STOP since {since} by {who}: {reason}. {held} post(s) held; no broadcasts go out.</source>
        <translation>VAKAVAN TILANTEEN PYSÄYTYS {since} alkaen, asettaja {who}: {reason}. Pidätettyjä julkaisuja: {held}; mitään ei julkaista.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/incident_banner.py" line="78"/>
        <source>Replies to citizens are stopped too.</source>
        <translation>Myös vastaukset kansalaisille on pysäytetty.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/signin.py" line="361"/>
        <source>Beat Desk is locked</source>
        <translation>Beat Desk on lukittu</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="365"/>
        <source>Signed in: {name} ({username}). Enter the password to continue.</source>
        <translation>Kirjautuneena: {name} ({username}). Jatka antamalla salasana.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="375"/>
        <source>Password</source>
        <translation>Salasana</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="383"/>
        <source>Switch user</source>
        <translation>Vaihda käyttäjää</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="385"/>
        <source>Unlock</source>
        <translation>Avaa lukitus</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="404"/>
        <source>That is not the password of {name}.</source>
        <translation>Salasana ei kuulu käyttäjälle {name}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>Opening the desk…</source>
        <translation>Avataan työpöytää…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="320"/>
        <source>The desk could not be opened. Close this window and start Beat Desk again.</source>
        <translation>Työpöytää ei voitu avata. Sulje tämä ikkuna ja käynnistä Beat Desk uudelleen.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>DEMO MODE — simulated residents on local stand-ins for the platforms. Nothing here reaches a real platform, and this is not the real desk&apos;s database.</source>
        <translation>DEMOTILA — simuloidut asukkaat ja paikalliset palvelujäljitelmät. Mikään ei päädy oikeisiin palveluihin, eikä tämä ole oikean työpöydän tietokanta.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="181"/>
        <location filename="../../ui/main_window.py" line="278"/>
        <source>Beat Desk</source>
        <translation>Beat Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206"/>
        <source>{screen} (Ctrl+{n})</source>
        <translation>{screen} (Ctrl+{n})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>{title} — DEMO MODE</source>
        <translation>{title} — DEMOTILA</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="391"/>
        <source>{name} · {roles}</source>
        <translation>{name} · {roles}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="392"/>
        <source>Signed in as {username}</source>
        <translation>Kirjautuneena käyttäjänä {username}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="398"/>
        <source>● No accounts connected</source>
        <translation>● Ei yhdistettyjä tilejä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="399"/>
        <source>● Online</source>
        <translation>● Yhteydessä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="400"/>
        <source>● Some platforms unreachable</source>
        <translation>● Osa palveluista ei vastaa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="401"/>
        <source>● Offline</source>
        <translation>● Ei yhteyttä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="408"/>
        <source>Rate limits OK</source>
        <translation>Käyttörajat kunnossa</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="409"/>
        <source>Rate limits low</source>
        <translation>Käyttörajat vähissä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>Rate limited</source>
        <translation>Käyttöraja täynnä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="425"/>
        <source>&amp;Desk</source>
        <translation>&amp;Työpöytä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="426"/>
        <source>&amp;View</source>
        <translation>&amp;Näytä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="427"/>
        <source>&amp;Help</source>
        <translation>&amp;Ohje</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../ui/compose/screen.py" line="93"/>
        <source>Override the privacy guard</source>
        <translation>Ohita tietosuojavahti</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="96"/>
        <source>These findings will be published as written. Your name and reason are recorded.</source>
        <translation>Nämä havainnot julkaistaan sellaisinaan. Nimesi ja perustelusi kirjataan.</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="103"/>
        <source>Why must this be published as written? (at least 10 characters)</source>
        <translation>Miksi tämä on julkaistava sellaisenaan? (vähintään 10 merkkiä)</translation>
    </message>
    <message>
        <location filename="../../ui/compose/screen.py" line="107"/>
        <source>Override</source>
        <translation>Ohita</translation>
    </message>
</context>
<context>
    <name>PatrolScreen</name>
    <message>
        <location filename="../../ui/patrol/screen.py" line="108"/>
        <source>Patrol log</source>
        <translation>Partioloki</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="120"/>
        <source>Start a shift</source>
        <translation>Aloita vuoro</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="124"/>
        <source>e.g. Night patrol, Kallio</source>
        <translation>esim. Yöpartio, Kallio</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="126"/>
        <source>District or area (no house numbers)</source>
        <translation>Kaupunginosa tai alue (ei talonumeroita)</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="127"/>
        <source>Title</source>
        <translation>Otsikko</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="129"/>
        <location filename="../../ui/patrol/screen.py" line="177"/>
        <location filename="../../ui/patrol/screen.py" line="213"/>
        <source>Area</source>
        <translation>Alue</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="132"/>
        <source>Live: publish each entry as it is written</source>
        <translation>Reaaliaikainen: julkaise jokainen merkintä heti</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="133"/>
        <source>Summary: one thread at the end of the shift</source>
        <translation>Yhteenveto: yksi ketju vuoron lopussa</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="137"/>
        <location filename="../../ui/patrol/screen.py" line="213"/>
        <source>Publishing</source>
        <translation>Julkaiseminen</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="142"/>
        <source>Publish to</source>
        <translation>Julkaise tileille</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="145"/>
        <source>Start shift</source>
        <translation>Aloita vuoro</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="168"/>
        <source>What happened? (time is added automatically)</source>
        <translation>Mitä tapahtui? (aika lisätään automaattisesti)</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="179"/>
        <source>Same as the shift</source>
        <translation>Sama kuin vuorolla</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="185"/>
        <source>End shift…</source>
        <translation>Päätä vuoro…</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="189"/>
        <source>Add entry</source>
        <translation>Lisää merkintä</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="210"/>
        <source>Entries this shift</source>
        <translation>Vuoron merkinnät</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="213"/>
        <source>Time</source>
        <translation>Aika</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="213"/>
        <source>Entry</source>
        <translation>Merkintä</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="263"/>
        <source>live</source>
        <translation>reaaliaikainen</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="263"/>
        <source>summary at the end</source>
        <translation>yhteenveto lopussa</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="265"/>
        <source>{title} · {area} · started {time} · {mode} · {accounts}</source>
        <translation>{title} · {area} · alkoi {time} · {mode} · {accounts}</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="267"/>
        <source>no area</source>
        <translation>ei aluetta</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="354"/>
        <source>Entry saved at {time}.</source>
        <translation>Merkintä tallennettu klo {time}.</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="372"/>
        <source>The entry is saved in the log but was not published.</source>
        <translation>Merkintä on tallennettu lokiin, mutta sitä ei julkaistu.</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="381"/>
        <source>End the shift and publish the log as a thread?</source>
        <translation>Päätetäänkö vuoro ja julkaistaanko loki ketjuna?</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="383"/>
        <source>End the shift?</source>
        <translation>Päätetäänkö vuoro?</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="385"/>
        <source>End shift</source>
        <translation>Päätä vuoro</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="396"/>
        <source>Shift ended; the summary goes out as {n} post(s).</source>
        <translation>Vuoro päätetty; yhteenvedon julkaisuja: {n}.</translation>
    </message>
    <message>
        <location filename="../../ui/patrol/screen.py" line="398"/>
        <source>Shift ended.</source>
        <translation>Vuoro päätetty.</translation>
    </message>
</context>
<context>
    <name>PhotoAttachments</name>
    <message>
        <location filename="../../ui/widgets/photos.py" line="137"/>
        <source>Add photo…</source>
        <translation>Lisää kuva…</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="140"/>
        <source>Faces are blurred and location data removed before anything is saved.</source>
        <translation>Kasvot sumennetaan ja sijaintitiedot poistetaan ennen kuin mitään tallennetaan.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="150"/>
        <source>Add photos</source>
        <translation>Lisää kuvia</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="231"/>
        <source>{name}: {error}</source>
        <translation>{name}: {error}</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="233"/>
        <source>{name} is still being cleaned.</source>
        <translation>Kuvaa {name} käsitellään vielä.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photos.py" line="235"/>
        <source>{name} needs alt text.</source>
        <translation>Kuvasta {name} puuttuu vaihtoehtoinen teksti.</translation>
    </message>
</context>
<context>
    <name>PhotoReviewDialog</name>
    <message>
        <location filename="../../ui/widgets/photo_review.py" line="166"/>
        <source>Review blurred areas</source>
        <translation>Tarkista sumennetut alueet</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photo_review.py" line="172"/>
        <source>Red boxes will be blurred. Click a box to leave it sharp (for example a face on a poster); drag across the photo to blur another area.</source>
        <translation>Punaiset laatikot sumennetaan. Napsauta laatikkoa, jos se saa jäädä tarkaksi (esimerkiksi kasvot julisteessa); sumenna toinen alue vetämällä kuvan yli.</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/photo_review.py" line="188"/>
        <source>Blur these areas</source>
        <translation>Sumenna nämä alueet</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <location filename="../../ui/reports/pdf.py" line="107"/>
        <location filename="../../ui/reports/sections.py" line="237"/>
        <location filename="../../ui/reports/sections.py" line="249"/>
        <source>Notes</source>
        <translation>Huomiot</translation>
    </message>
    <message>
        <location filename="../../ui/reports/pdf.py" line="161"/>
        <source>No rows in this range.</source>
        <translation>Tällä aikavälillä ei ole rivejä.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="84"/>
        <location filename="../../ui/reports/sections.py" line="247"/>
        <source>Name</source>
        <translation>Nimi</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="85"/>
        <location filename="../../ui/reports/sections.py" line="206"/>
        <source>Conversations</source>
        <translation>Keskustelut</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="86"/>
        <source>Answered</source>
        <translation>Vastattu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="87"/>
        <source>First reply p50</source>
        <translation>Ensivastaus p50</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="88"/>
        <source>First reply p90</source>
        <translation>Ensivastaus p90</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="89"/>
        <source>Resolved</source>
        <translation>Ratkaistu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="90"/>
        <source>Resolution p50</source>
        <translation>Ratkaisu p50</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="91"/>
        <source>Resolution p90</source>
        <translation>Ratkaisu p90</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="121"/>
        <location filename="../../ui/reports/sections.py" line="123"/>
        <source>untriaged</source>
        <translation>luokittelematon</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="129"/>
        <source>Inbox volume</source>
        <translation>Saapuneiden määrä</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="130"/>
        <source>What came in, where and when (station time).</source>
        <translation>Mitä tuli, mihin ja milloin (aseman aika).</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="133"/>
        <source>Items by platform</source>
        <translation>Viestit palveluittain</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="136"/>
        <location filename="../../ui/reports/sections.py" line="142"/>
        <location filename="../../ui/reports/sections.py" line="148"/>
        <location filename="../../ui/reports/sections.py" line="157"/>
        <source>Items</source>
        <translation>Viestit</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="139"/>
        <source>Items by triage class</source>
        <translation>Viestit luokittain</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="145"/>
        <source>Items by hour of day</source>
        <translation>Viestit vuorokauden tunneittain</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="153"/>
        <source>Items by platform and triage class</source>
        <translation>Viestit palveluittain ja luokittain</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="155"/>
        <location filename="../../ui/reports/sections.py" line="205"/>
        <location filename="../../ui/reports/sections.py" line="286"/>
        <location filename="../../ui/reports/sections.py" line="355"/>
        <source>Platform</source>
        <translation>Palvelu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="156"/>
        <source>Triage class</source>
        <translation>Luokka</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="158"/>
        <source>Busiest hour</source>
        <translation>Kiireisin tunti</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="172"/>
        <source>How fast we answered</source>
        <translation>Kuinka nopeasti vastasimme</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="173"/>
        <source>First reply and resolution in office time; the share answered within the target.</source>
        <translation>Ensivastaus ja ratkaisu päivystysaikana; tavoiteajassa vastattujen osuus.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="178"/>
        <source>First reply by officer (minutes)</source>
        <translation>Ensivastaus käsittelijöittäin (minuuttia)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="182"/>
        <source>p50</source>
        <translation>p50</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="183"/>
        <source>p90</source>
        <translation>p90</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="185"/>
        <source>min</source>
        <translation>min</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="188"/>
        <source>Answered within target (%)</source>
        <translation>Vastattu tavoiteajassa (%)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="192"/>
        <location filename="../../ui/reports/sections.py" line="207"/>
        <source>Within target</source>
        <translation>Tavoiteajassa</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="200"/>
        <source>By officer</source>
        <translation>Käsittelijöittäin</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="201"/>
        <source>By team</source>
        <translation>Tiimeittäin</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="203"/>
        <source>Service level</source>
        <translation>Palvelutaso</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="208"/>
        <source>Share</source>
        <translation>Osuus</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="209"/>
        <source>Target</source>
        <translation>Tavoite</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="213"/>
        <source>all platforms</source>
        <translation>kaikki palvelut</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="228"/>
        <source>Who answered what</source>
        <translation>Kuka vastasi mihinkin</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="229"/>
        <source>Replies, notes, closes and assignments by person.</source>
        <translation>Vastaukset, muistiinpanot, sulkemiset ja osoitukset henkilöittäin.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="232"/>
        <source>Activity by person</source>
        <translation>Toiminta henkilöittäin</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="236"/>
        <location filename="../../ui/reports/sections.py" line="248"/>
        <location filename="../../ui/reports/sections.py" line="292"/>
        <location filename="../../ui/reports/sections.py" line="341"/>
        <location filename="../../ui/reports/sections.py" line="358"/>
        <location filename="../../ui/reports/sections.py" line="376"/>
        <source>Replies</source>
        <translation>Vastaukset</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="238"/>
        <location filename="../../ui/reports/sections.py" line="250"/>
        <source>Closes</source>
        <translation>Sulkemiset</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="239"/>
        <location filename="../../ui/reports/sections.py" line="251"/>
        <source>Assignments</source>
        <translation>Osoitukset</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="245"/>
        <source>Activity</source>
        <translation>Toiminta</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="252"/>
        <source>Audited actions</source>
        <translation>Lokiin kirjatut toiminnot</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="269"/>
        <source>What we published</source>
        <translation>Mitä julkaisimme</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="270"/>
        <source>Every published post and reply in the range, newest reading of its metrics.</source>
        <translation>Kaikki aikavälin julkaisut ja vastaukset, mittareista uusin lukema.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="275"/>
        <source>Published by platform</source>
        <translation>Julkaistut palveluittain</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="278"/>
        <source>Deliveries</source>
        <translation>Lähetykset</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="283"/>
        <location filename="../../ui/reports/sections.py" line="285"/>
        <location filename="../../ui/reports/sections.py" line="371"/>
        <source>Published</source>
        <translation>Julkaistu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="287"/>
        <source>Account</source>
        <translation>Tili</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="288"/>
        <source>Kind</source>
        <translation>Laji</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="289"/>
        <source>Text</source>
        <translation>Teksti</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="290"/>
        <location filename="../../ui/reports/sections.py" line="339"/>
        <location filename="../../ui/reports/sections.py" line="356"/>
        <location filename="../../ui/reports/sections.py" line="374"/>
        <source>Likes</source>
        <translation>Tykkäykset</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="291"/>
        <location filename="../../ui/reports/sections.py" line="340"/>
        <location filename="../../ui/reports/sections.py" line="357"/>
        <location filename="../../ui/reports/sections.py" line="375"/>
        <source>Reposts</source>
        <translation>Jaot</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="293"/>
        <location filename="../../ui/reports/sections.py" line="348"/>
        <location filename="../../ui/reports/sections.py" line="359"/>
        <location filename="../../ui/reports/sections.py" line="377"/>
        <source>Views</source>
        <translation>Näyttökerrat</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="294"/>
        <source>Metrics</source>
        <translation>Mittarit</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="308"/>
        <source>sampled</source>
        <translation>mitattu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="309"/>
        <source>none yet</source>
        <translation>ei vielä</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="310"/>
        <source>refused</source>
        <translation>evätty</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="331"/>
        <source>What it reached</source>
        <translation>Mitä saavutettiin</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="332"/>
        <source>Engagement by platform, campaigns and tweetathons.</source>
        <translation>Sitoutuminen palveluittain, kampanjat ja twiittimaratonit.</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="335"/>
        <location filename="../../ui/reports/sections.py" line="353"/>
        <source>Engagement by platform</source>
        <translation>Sitoutuminen palveluittain</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="345"/>
        <source>Views by platform</source>
        <translation>Näyttökerrat palveluittain</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="367"/>
        <source>Campaigns</source>
        <translation>Kampanjat</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="369"/>
        <source>Campaign</source>
        <translation>Kampanja</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="370"/>
        <source>Posts</source>
        <translation>Julkaisut</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="372"/>
        <source>Pending</source>
        <translation>Odottaa</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="373"/>
        <source>Failed</source>
        <translation>Epäonnistui</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="395"/>
        <source>Tweetathons</source>
        <translation>Twiittimaratonit</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="397"/>
        <source>Source</source>
        <translation>Lähde</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="398"/>
        <source>Calls in</source>
        <translation>Tehtäviä saapui</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="399"/>
        <source>Posted</source>
        <translation>Julkaistu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="400"/>
        <source>Held</source>
        <translation>Pidätetty</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="401"/>
        <source>Excluded</source>
        <translation>Rajattu pois</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="402"/>
        <source>Batched</source>
        <translation>Koottu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/sections.py" line="403"/>
        <source>Call to post p50 (min)</source>
        <translation>Tehtävästä julkaisuun p50 (min)</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <location filename="../../ui/reports/screen.py" line="87"/>
        <source>Reports</source>
        <translation>Raportit</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="94"/>
        <source>Today</source>
        <translation>Tänään</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="94"/>
        <source>Last 7 days</source>
        <translation>Viimeiset 7 päivää</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="94"/>
        <source>This month</source>
        <translation>Tämä kuukausi</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="94"/>
        <source>Custom</source>
        <translation>Mukautettu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="110"/>
        <source>All platforms</source>
        <translation>Kaikki palvelut</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="111"/>
        <source>All accounts</source>
        <translation>Kaikki tilit</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="112"/>
        <source>All teams</source>
        <translation>Kaikki tiimit</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="113"/>
        <source>All officers</source>
        <translation>Kaikki käsittelijät</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="117"/>
        <source>Build report</source>
        <translation>Laadi raportti</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="119"/>
        <source>Export CSV…</source>
        <translation>Vie CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="120"/>
        <source>Export PDF…</source>
        <translation>Vie PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="126"/>
        <location filename="../../ui/reports/screen.py" line="338"/>
        <source>Range</source>
        <translation>Aikaväli</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="134"/>
        <location filename="../../ui/reports/screen.py" line="339"/>
        <source>Filters</source>
        <translation>Suodattimet</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="168"/>
        <source>You cannot see reports: {reason}</source>
        <translation>Et voi nähdä raportteja: {reason}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="270"/>
        <source>every station</source>
        <translation>kaikki asemat</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="271"/>
        <source>this station</source>
        <translation>tämä asema</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="272"/>
        <source>your own work</source>
        <translation>oma työsi</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="274"/>
        <source>{first} to {last}, {scope}; {filters}</source>
        <translation>{first}–{last}, {scope}; {filters}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="284"/>
        <source>Items in</source>
        <translation>Saapuneet viestit</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="285"/>
        <source>Answered within target</source>
        <translation>Vastattu tavoiteajassa</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="286"/>
        <source>Published</source>
        <translation>Julkaistu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="287"/>
        <source>Likes on what we published</source>
        <translation>Tykkäykset julkaisuihimme</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="295"/>
        <source>no filters</source>
        <translation>ei suodattimia</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="300"/>
        <source>Export the report as CSV files into…</source>
        <translation>Vie raportti CSV-tiedostoina kansioon…</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="305"/>
        <source>Export the report as PDF</source>
        <translation>Vie raportti PDF-muodossa</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="305"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-tiedostot (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="322"/>
        <source>Report exported: {count} CSV files</source>
        <translation>Raportti viety: CSV-tiedostoja {count}</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="340"/>
        <source>Time zone</source>
        <translation>Aikavyöhyke</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="341"/>
        <source>Prepared by</source>
        <translation>Laatija</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="342"/>
        <source>Generated</source>
        <translation>Luotu</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="345"/>
        <source>Beat Desk report</source>
        <translation>Beat Desk -raportti</translation>
    </message>
    <message>
        <location filename="../../ui/reports/screen.py" line="352"/>
        <source>Report exported as PDF: {name}</source>
        <translation>Raportti viety PDF-muodossa: {name}</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/main_window.py" line="40"/>
        <source>Officer</source>
        <translation>Poliisi</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="41"/>
        <source>Press officer</source>
        <translation>Viestintäasiantuntija</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="42"/>
        <source>Supervisor</source>
        <translation>Esimies</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="43"/>
        <source>Administrator</source>
        <translation>Ylläpitäjä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="44"/>
        <source>Runner</source>
        <translation>Taustaprosessi</translation>
    </message>
</context>
<context>
    <name>Screens</name>
    <message>
        <location filename="../../ui/screens.py" line="65"/>
        <source>Inbox</source>
        <translation>Saapuneet</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="66"/>
        <location filename="../../ui/screens.py" line="77"/>
        <source>the inbox and feeds issue (#4)</source>
        <translation>saapuneiden ja syötteiden työn (#4)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="67"/>
        <source>Every mention, comment and direct message from all five platforms in one list, triaged, assigned and answered from here.</source>
        <translation>Jokainen maininta, kommentti ja yksityisviesti kaikista viidestä palvelusta yhdessä listassa, luokiteltuna, jaettuna ja vastattuna täältä.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="76"/>
        <source>Feeds</source>
        <translation>Syötteet</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="78"/>
        <source>Live columns of searches, lists and hashtags across the platforms.</source>
        <translation>Reaaliaikaiset sarakkeet hauista, listoista ja aihetunnisteista kaikissa palveluissa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="83"/>
        <source>Compose</source>
        <translation>Kirjoita</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="84"/>
        <location filename="../../ui/screens.py" line="94"/>
        <location filename="../../ui/screens.py" line="108"/>
        <source>the publishing issue (#5)</source>
        <translation>julkaisutyön (#5)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="85"/>
        <source>Write one post for several accounts, checked against each platform&apos;s limits and the privacy guard.</source>
        <translation>Kirjoita yksi julkaisu usealle tilille, tarkistettuna kunkin palvelun rajoja ja yksityisyyssuojaa vasten.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="93"/>
        <source>Calendar</source>
        <translation>Kalenteri</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="95"/>
        <source>Scheduled posts and campaigns by day and week, with approvals.</source>
        <translation>Ajastetut julkaisut ja kampanjat päivittäin ja viikoittain, hyväksyntöineen.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="100"/>
        <source>Tweetathon</source>
        <translation>Twiittimaraton</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="101"/>
        <source>the tweetathon issue (#6)</source>
        <translation>twiittimaratonin työn (#6)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="102"/>
        <source>Mirror control-room calls as safe, paced public posts, with an incident stop.</source>
        <translation>Hätäkeskuksen tehtävät turvallisina, tahditettuina julkisina julkaisuina, hätäpysäytyksen kanssa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="107"/>
        <source>Patrol log</source>
        <translation>Partioloki</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="109"/>
        <source>A shift&apos;s running log of patrol updates, posted as a thread.</source>
        <translation>Vuoron juokseva partioloki, julkaistuna ketjuna.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="114"/>
        <source>Reports</source>
        <translation>Raportit</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="115"/>
        <location filename="../../ui/screens.py" line="131"/>
        <source>the supervisor review issue (#7)</source>
        <translation>esimiesseurannan työn (#7)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="116"/>
        <source>Volumes, response times and campaign results, with charts and PDF or CSV export.</source>
        <translation>Määrät, vasteajat ja kampanjoiden tulokset kaavioineen, PDF- ja CSV-vienti.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="123"/>
        <source>Accounts</source>
        <translation>Tilit</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="124"/>
        <source>the platforms issue (#3)</source>
        <translation>palveluyhteyksien työn (#3)</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="125"/>
        <source>Connect the force&apos;s accounts on X, Facebook, Instagram, Mastodon and Bluesky.</source>
        <translation>Yhdistä poliisin tilit X:ssä, Facebookissa, Instagramissa, Mastodonissa ja Blueskyssa.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="130"/>
        <source>Audit</source>
        <translation>Tapahtumaloki</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="132"/>
        <source>Who did what and when, filtered and exported, with the chain&apos;s verification status.</source>
        <translation>Kuka teki mitä ja milloin, suodatettuna ja vietynä, ketjun tarkistuksen tilan kera.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="139"/>
        <source>Settings</source>
        <translation>Asetukset</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="141"/>
        <source>The desk&apos;s settings.</source>
        <translation>Työpöydän asetukset.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="245"/>
        <source>{screen} arrives with {issue}: {purpose}</source>
        <extracomment>Where each screen&apos;s package lives. A package registers its page from a ``register()`` function; it is imported on the screen&apos;s first visit, so screens that are not shown cost nothing at start.</extracomment>
        <translation>{screen} tulee {issue} myötä: {purpose}</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="256"/>
        <source>This screen is not built yet.</source>
        <translation>Tätä näkymää ei ole vielä rakennettu.</translation>
    </message>
    <message>
        <location filename="../../ui/screens.py" line="275"/>
        <source>{screen} could not be opened. The rest of the desk works; a crash report was shown.</source>
        <translation>Näkymää {screen} ei voitu avata. Muu työpöytä toimii; virheraportti näytettiin.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="330"/>
        <source>Beat Desk settings</source>
        <translation>Beat Deskin asetukset</translation>
    </message>
</context>
<context>
    <name>SettingsForm</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="165"/>
        <source>General</source>
        <extracomment>Fields the desk maintains itself; never shown for editing.</extracomment>
        <translation>Yleiset</translation>
    </message>
</context>
<context>
    <name>SettingsPanel</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="267"/>
        <source>Settings</source>
        <translation>Asetukset</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="274"/>
        <source>Only an administrator can change these settings; you can read them here.</source>
        <translation>Vain ylläpitäjä voi muuttaa näitä asetuksia; voit lukea ne täältä.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="276"/>
        <source>Changes are saved for everyone at this desk and recorded in the audit log.</source>
        <translation>Muutokset tallentuvat kaikille tämän työpöydän käyttäjille ja kirjataan tapahtumalokiin.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="289"/>
        <source>Save settings</source>
        <translation>Tallenna asetukset</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="303"/>
        <source>Saving…</source>
        <translation>Tallennetaan…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="307"/>
        <source>Saved.</source>
        <translation>Tallennettu.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="313"/>
        <source>Not saved.</source>
        <translation>Ei tallennettu.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <location filename="../../ui/main_window.py" line="469"/>
        <source>Open the settings</source>
        <translation>Avaa asetukset</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="470"/>
        <source>Lock the desk</source>
        <translation>Lukitse työpöytä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="471"/>
        <source>Switch user</source>
        <translation>Vaihda käyttäjää</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="472"/>
        <source>Switch between light and dark theme</source>
        <translation>Vaihda vaalean ja tumman teeman välillä</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="473"/>
        <source>Show the keyboard shortcuts</source>
        <translation>Näytä pikanäppäimet</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="474"/>
        <source>Quit Beat Desk</source>
        <translation>Lopeta Beat Desk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="475"/>
        <source>Window</source>
        <translation>Ikkuna</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="476"/>
        <source>Screens</source>
        <translation>Näkymät</translation>
    </message>
</context>
<context>
    <name>ShortcutsHelpDialog</name>
    <message>
        <location filename="../../ui/shortcuts.py" line="105"/>
        <source>Keyboard shortcuts</source>
        <translation>Pikanäppäimet</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="107"/>
        <source>These keys work anywhere in the Beat Desk window.</source>
        <translation>Nämä näppäimet toimivat kaikkialla Beat Deskin ikkunassa.</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="110"/>
        <source>Keys</source>
        <translation>Näppäimet</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="110"/>
        <source>Action</source>
        <translation>Toiminto</translation>
    </message>
    <message>
        <location filename="../../ui/shortcuts.py" line="110"/>
        <source>Where</source>
        <translation>Missä</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="107"/>
        <source>Checking the password…</source>
        <translation>Tarkistetaan salasanaa…</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="83"/>
        <source>Sign in to Beat Desk</source>
        <translation>Kirjaudu Beat Deskiin</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="86"/>
        <location filename="../../ui/signin.py" line="115"/>
        <source>Sign in</source>
        <translation>Kirjaudu</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="90"/>
        <source>DEMO MODE: nothing here reaches a real platform.</source>
        <translation>DEMOTILA: mikään ei päädy oikeisiin palveluihin.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="99"/>
        <source>User name</source>
        <translation>Käyttäjätunnus</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="100"/>
        <source>Password</source>
        <translation>Salasana</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="113"/>
        <source>Cancel</source>
        <translation>Peruuta</translation>
    </message>
</context>
<context>
    <name>SignedOutCover</name>
    <message>
        <location filename="../../ui/session.py" line="329"/>
        <source>Signed out. Waiting for the next person to sign in.</source>
        <translation>Uloskirjauduttu. Odotetaan seuraavan henkilön kirjautumista.</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <location filename="../../ui/calendar/screen.py" line="68"/>
        <location filename="../../ui/calendar/screen.py" line="91"/>
        <source>Stop all broadcasts</source>
        <translation>Pysäytä kaikki julkaisut</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="73"/>
        <source>Every scheduled post, campaign, patrol log and tweetathon on every account is held now. Your name and reason are recorded.</source>
        <translation>Kaikkien tilien ajastetut julkaisut, kampanjat, partiolokit ja twiittimaratonit pysäytetään nyt. Nimesi ja perustelusi kirjataan.</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="80"/>
        <source>Reason (required)</source>
        <translation>Syy (pakollinen)</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="84"/>
        <source>Holding statement to publish on every account now (optional)</source>
        <translation>Kaikilla tileillä nyt julkaistava ensitiedote (valinnainen)</translation>
    </message>
    <message>
        <location filename="../../ui/calendar/screen.py" line="87"/>
        <source>Also stop replies to citizens</source>
        <translation>Pysäytä myös vastaukset kansalaisille</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <location filename="../../ui/messages.py" line="211"/>
        <location filename="../../ui/messages.py" line="221"/>
        <source>Beat Desk</source>
        <translation>Beat Desk</translation>
    </message>
</context>
<context>
    <name>VariantCard</name>
    <message>
        <location filename="../../ui/compose/screen.py" line="144"/>
        <source>Same as the main text. Type here to write a different text for {platform}.</source>
        <translation>Sama kuin pääteksti. Kirjoita tähän, jos haluat eri tekstin palveluun {platform}.</translation>
    </message>
</context>
</TS>
